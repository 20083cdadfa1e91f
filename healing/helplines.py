"""Crisis lines by country: one list for the support page and the safety plan.

A person's country is guessed from their time zone only to preselect a choice they
can change; it is never stored on its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    name: str
    number: str  # as people write it
    can_text: bool = False
    hours: str = "any time"

    @property
    def dial(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")

    def as_text(self) -> str:
        """One line of a safety plan, as the person would write it."""
        how = "call or text" if self.can_text else "call"
        return f"{self.name}: {how} {self.number}, {self.hours}"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...]

    def as_text(self) -> str:
        rows = [line.as_text() for line in self.lines]
        rows.append(f"In an emergency: {self.emergency}")
        return "\n".join(rows)


COUNTRIES: dict[str, Country] = {
    country.code: country
    for country in (
        Country(
            "US",
            "United States",
            "911",
            (Line("988 Suicide & Crisis Lifeline", "988", can_text=True),),
        ),
        Country(
            "GB",
            "United Kingdom",
            "999 or 112",
            (Line("Samaritans", "116 123", hours="free, day or night"),),
        ),
        Country(
            "IE", "Ireland", "112", (Line("Samaritans", "116 123", hours="free, day or night"),)
        ),
        Country("CA", "Canada", "911", (Line("Crisis line", "988", can_text=True),)),
        Country("AU", "Australia", "000", (Line("Lifeline", "13 11 14"),)),
    )
}

# Time zones that point to one of the countries above; anything else preselects nothing.
ZONES: dict[str, str] = {
    "Europe/London": "GB",
    "Europe/Belfast": "GB",
    "Europe/Dublin": "IE",
    "America/Toronto": "CA",
    "America/Vancouver": "CA",
    "America/Edmonton": "CA",
    "America/Winnipeg": "CA",
    "America/Halifax": "CA",
    "America/St_Johns": "CA",
    "America/Regina": "CA",
    "America/Moncton": "CA",
    "America/Whitehorse": "CA",
    "America/New_York": "US",
    "America/Chicago": "US",
    "America/Denver": "US",
    "America/Phoenix": "US",
    "America/Los_Angeles": "US",
    "America/Anchorage": "US",
    "America/Detroit": "US",
    "America/Boise": "US",
    "America/Indiana/Indianapolis": "US",
    "America/Kentucky/Louisville": "US",
    "Pacific/Honolulu": "US",
}
ZONE_PREFIXES: dict[str, str] = {"Australia/": "AU", "US/": "US", "Canada/": "CA"}


def country_for_zone(zone: str) -> str:
    """The country code a time zone suggests, or "" when it suggests none of ours."""
    if zone in ZONES:
        return ZONES[zone]
    return next((code for prefix, code in ZONE_PREFIXES.items() if zone.startswith(prefix)), "")

"""What `make drill` checks at the end, kept apart from the drill so a test can feed it
made-up records: every acknowledged save is compared with what the database holds.

A *thing* is one text a page saves: a journal entry's body, or one field of an
exercise answer. Each acknowledged save (`Ack`) says which page ("tab") sent which
text of which thing, when the request left and when its reply came, and, for an
autosave, the save counter the server answered with (it counts every write of that
thing, so it orders saves exactly). Settling a conflict is acknowledged without a
counter: those are ordered by time only.

A tab's last acknowledged text of a thing is *kept* when it is what the database holds,
or when an acknowledged save of that stored text may have come after it (a higher
counter, or a reply that came after this request left). Otherwise it is *lost*.
A conflict's text (the server answered 409 and said it kept the page's words aside)
must be found in the database too, whole: within the thing's text or one of its kept
versions (a page's text only grows, so a later version of it holds it whole).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ack:
    tab: str
    thing: str
    text: str
    sent: float
    acked: float
    counter: int | None = None


@dataclass(frozen=True)
class KeptAside:
    """A page's text the server answered 409 for: it says it kept it aside."""

    tab: str
    thing: str
    text: str


@dataclass(frozen=True)
class Stored:
    """What the database holds for one thing: its text, and every earlier or set-aside
    version of it (decrypted)."""

    text: str
    kept: frozenset[str] = frozenset()


def may_come_after(later: Ack, earlier: Ack) -> bool:
    if later.counter is not None and earlier.counter is not None:
        return later.counter > earlier.counter
    return later.acked > earlier.sent


def lost_saves(acks: list[Ack], stored: dict[str, Stored]) -> list[Ack]:
    """Each tab's last acknowledged text of each thing that the database does not hold
    and that no later acknowledged save replaced."""
    by_thing: dict[str, list[Ack]] = defaultdict(list)
    for ack in acks:
        by_thing[ack.thing].append(ack)
    lost = []
    for thing, saves in sorted(by_thing.items()):
        text = stored[thing].text if thing in stored else None
        last: dict[str, Ack] = {}
        for ack in sorted(saves, key=lambda a: a.acked):
            last[ack.tab] = ack
        for ack in last.values():
            replaced = any(
                other.text == text and may_come_after(other, ack)
                for other in saves
                if other is not ack
            )
            if ack.text != text and not replaced:
                lost.append(ack)
    return lost


def missing_asides(asides: list[KeptAside], stored: dict[str, Stored]) -> list[KeptAside]:
    """Conflicts' texts found whole neither in the thing's text nor in a kept version."""
    return [
        aside
        for aside in asides
        if aside.thing not in stored
        or not any(
            aside.text in text for text in (stored[aside.thing].text, *stored[aside.thing].kept)
        )
    ]


@dataclass
class Tally:
    """Everything the drill prints, and whether it passed."""

    acknowledged: int = 0
    checked: int = 0  # tabs' last acknowledged texts, one per tab and thing
    lost: list[Ack] = field(default_factory=list)
    duplicated: int = 0
    conflicts: int = 0
    asides: int = 0
    asides_missing: list[KeptAside] = field(default_factory=list)
    settled: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    problems: dict[str, int] = field(default_factory=dict)  # by kind: "no answer", "500"…
    round_trips: list[float] = field(default_factory=list)  # sorted, in seconds
    saves: int = 0
    unsaved: int = 0
    kills: int = 0
    restarts: int = 0
    seconds: float = 0.0
    broken: int = 0  # tabs that stopped on a page they could not read

    @property
    def passed(self) -> bool:
        return (
            not self.lost
            and not self.asides_missing
            and self.duplicated == 0
            and self.conflicts > 0
            and self.unsaved == 0
            and self.broken == 0
            and self.kills > 0
            and self.restarts == 1
        )

    def table(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{100 * part / whole:.1f}%" if whole else "0.0%"

        def percentile(share: float) -> str:
            times = self.round_trips
            return f"{1000 * times[int(share * (len(times) - 1))]:.0f}" if times else "-"

        settled = ", ".join(f"{how} {count}" for how, count in sorted(self.settled.items()))
        failed = sum(self.problems.values())
        kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(self.problems.items()))
        rows = [
            ("acknowledged saves", f"{self.acknowledged}", ""),
            ("last acknowledged texts checked", f"{self.checked}", "one per tab and text"),
            ("stored", f"{self.checked - len(self.lost)}", "or replaced by a later save"),
            ("lost", f"{len(self.lost)}", "must be 0"),
            ("duplicated entries", f"{self.duplicated}", "must be 0"),
            ("conflicts raised", f"{self.conflicts}", "must be > 0"),
            ("conflicts settled", settled or "none", ""),
            (
                "texts kept aside in conflicts, found",
                f"{self.asides - len(self.asides_missing)} of {self.asides}",
                "must be all",
            ),
            (
                "requests",
                f"{self.requests}",
                f"round trip p50 {percentile(0.5)} ms, p95 {percentile(0.95)} ms",
            ),
            (
                "failed, then retried",
                f"{failed}",
                f"{share(failed, self.requests)} ({kinds or 'none'})",
            ),
            (
                "error rate after retries",
                share(self.unsaved, self.saves),
                f"{self.unsaved} of {self.saves} saves never stored; must be 0",
            ),
            ("gunicorn workers killed", f"{self.kills}", "one every 10 s"),
            ("PostgreSQL restarts", f"{self.restarts}", "pg_ctl restart -m fast, once"),
            ("seconds of writing", f"{self.seconds:.0f}", "at least 60"),
            ("tabs stopped by a page they could not read", f"{self.broken}", "must be 0"),
        ]
        width = max(len(name) for name, _, _ in rows)
        lines = [f"  {name:<{width}}  {value:>10}  {note}".rstrip() for name, value, note in rows]
        for ack in self.lost[:20]:
            lines.append(f"  LOST: {ack.tab} on {ack.thing}, acknowledged at counter {ack.counter}")
        for aside in self.asides_missing[:20]:
            lines.append(f"  NOT KEPT ASIDE: {aside.tab} on {aside.thing}")
        lines.append("  PASSED" if self.passed else "  FAILED")
        return "\n".join(lines)

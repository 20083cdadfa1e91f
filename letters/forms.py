from __future__ import annotations

import calendar
import datetime
from typing import Any

from django import forms
from django.utils.formats import date_format

from healing.writing import PrivateText
from letters.models import MAX_LETTER, Draft

CHOOSE = "date"
LONGEST = 20  # years ahead a letter may be sent
QUICK = (("In a month", 1), ("In six months", 6), ("In a year", 12))


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class LetterForm(forms.Form):
    """One letter as the editor sends it: the words, and when it arrives (a quick choice,
    which is a date, or a date the person picks)."""

    body = PrivateText(
        limit=MAX_LETTER,
        what="Letters",
        instead="carry on in a second letter",
        required=False,
        label="Your letter",
        help_text="Write to the person you will be. It is shown only to you, like your journal.",
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    when = forms.RegexField(
        regex=rf"^(\d{{4}}-\d{{2}}-\d{{2}}|{CHOOSE})$",
        required=False,
        label="When should it arrive?",
        widget=forms.RadioSelect,
        error_messages={"invalid": "Choose one of the times offered, or a date."},
    )
    on_date = forms.DateField(
        required=False,
        label="The date it arrives",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, like 2027-03-14."},
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["when"].widget.choices = [
            (day.isoformat(), f"{label} ({date_format(day, 'j F Y')})")
            for label, day in self.quick_days()
        ] + [(CHOOSE, "On a date I choose")]
        self.fields["on_date"].widget.attrs["min"] = self.earliest.isoformat()

    @property
    def earliest(self) -> datetime.date:
        return self.today + datetime.timedelta(days=1)

    def quick_days(self) -> list[tuple[str, datetime.date]]:
        return [(label, months_later(self.today, months)) for label, months in QUICK]

    def clean(self) -> dict[str, Any]:
        """The day: a date typed wins (without JavaScript a quick choice stays picked
        beside it); else the quick choice, which is a date itself."""
        cleaned = super().clean()
        day, when = cleaned.get("on_date"), cleaned.get("when") or CHOOSE
        if day is None and when != CHOOSE:
            try:
                day = datetime.date.fromisoformat(when)
            except ValueError:
                self.add_error("when", "Choose one of the times offered, or a date.")
        if day is None:
            if not self.errors:
                self.add_error("on_date", "Choose the day it should arrive.")
            return cleaned
        if day < self.earliest:
            self.add_error(
                "on_date", "Choose a day from tomorrow on: this letter is for your future self."
            )
        elif day > months_later(self.today, 12 * LONGEST):
            self.add_error("on_date", f"Choose a day within the next {LONGEST} years.")
        cleaned["arrives_on"] = day
        return cleaned

    def draft(self) -> Draft:
        return Draft(body=self.cleaned_data["body"], arrives_on=self.cleaned_data["arrives_on"])

    @classmethod
    def initial_from(cls, draft: Draft, today: datetime.date) -> dict[str, Any]:
        """The editor's fields for `draft`: its date as a quick choice when it is one."""
        quick = {day for _, day in cls(today=today).quick_days()}
        day = draft.arrives_on
        if day is None:
            day = months_later(today, 6)  # a kind default the person sees and can change
        if day in quick:
            return {"body": draft.body, "when": day.isoformat()}
        return {"body": draft.body, "when": CHOOSE, "on_date": day}

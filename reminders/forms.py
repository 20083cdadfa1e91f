from __future__ import annotations

from typing import Any

from django import forms

from reminders.models import REVISIT_WEEKS, Frequency, Reminder, Weekday

CHOOSE_ALL = "To plan your moments, choose a day, a time and how often, or leave all three empty."


def time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Write a time like 20:30."},
    )


class NudgeForm(forms.Form):
    active = forms.BooleanField(label="Email me a reminder to write, once a day", required=False)
    at = time_field("At")

    def __init__(self, *args: Any, reminder: Reminder | None = None, **kwargs: Any) -> None:
        if reminder is not None:
            kwargs.setdefault("initial", {"active": reminder.active, "at": reminder.at})
        super().__init__(*args, prefix="nudge", **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("active") and cleaned.get("at") is None and not self.has_error("at"):
            self.add_error("at", "Choose the time of day for your reminder.")
        return cleaned


class MomentsForm(forms.Form):
    """The optional plan of a worksheet that plans moments (chapter 3's moments of
    honesty): a weekday, a local time, how often, and whether to email a reminder."""

    weekday = forms.TypedChoiceField(
        label="Day",
        choices=[("", "No day yet"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a day from the list."},
    )
    at = time_field("Time")
    frequency = forms.ChoiceField(
        label="How often",
        choices=[("", "Not chosen yet"), *Frequency.choices],
        required=False,
        error_messages={"invalid_choice": "Choose how often from the list."},
    )
    active = forms.BooleanField(label="Email me a reminder at each one", required=False)

    def __init__(self, *args: Any, reminder: Reminder | None = None, **kwargs: Any) -> None:
        if reminder is not None:
            kwargs.setdefault(
                "initial",
                {
                    "weekday": reminder.weekday,
                    "at": reminder.at,
                    "frequency": reminder.frequency,
                    "active": reminder.active,
                },
            )
        super().__init__(*args, prefix="moments", **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = [
            cleaned.get("weekday") is not None,
            cleaned.get("at") is not None,
            bool(cleaned.get("frequency")),
        ]
        if any(chosen) and not all(chosen):
            raise forms.ValidationError(CHOOSE_ALL)
        if cleaned.get("active") and not all(chosen):
            self.add_error("active", "Choose a day, a time and how often first.")
        return cleaned


class RevisitForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label="Remind me to come back to this in",
        choices=[(n, f"{n} week{'s' if n > 1 else ''}") for n in REVISIT_WEEKS],
        coerce=int,
        initial=4,
        error_messages={
            "required": "Choose when to be reminded.",
            "invalid_choice": "Choose one of the times in the list.",
        },
    )

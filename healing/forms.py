from __future__ import annotations

import datetime
from typing import Any

from django import forms

from healing.models import Exercise

NOTHING_YET = "There is nothing to save yet. Write or choose something first."


class AnswerForm(forms.Form):
    """One exercise's answer, whatever its kind (the kind adds the fields and reads
    them back); `answer()` gives the JSON to store.

    Field names carry the exercise key as prefix, so several exercises share a page.
    """

    def __init__(
        self,
        exercise: Exercise,
        *args: Any,
        autosave: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", exercise.key)
        kwargs.setdefault("label_suffix", "")  # labels are prompts: "Dear me," not "Dear me,:"
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        self.kind = exercise.kind_spec
        self.autosave = autosave
        self.items: list[str] = []
        self.kind.add_fields(self)

    @property
    def posted_items(self) -> list[str]:
        """A list's items as the page sent them."""
        return self.data.getlist(self.add_prefix("item")) if self.is_bound else []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.kind.clean(self, cleaned)
        return cleaned

    def answer(self) -> dict[str, Any]:
        return self.kind.answer(self)


class TicksForm(forms.Form):
    """Days ticked or unticked within the window shown, as changes: `tick` holds the
    boxes ticked now, `was` those ticked when the page was drawn. Only the boxes that
    changed are written, so a page opened earlier cannot undo another page's ticks."""

    tick = forms.MultipleChoiceField(required=False)
    was = forms.MultipleChoiceField(required=False)

    def __init__(self, practices: list[str], days: list[datetime.date], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(f"{p}:{day.isoformat()}", "") for p in practices for day in days]
        # Most often a page left open past midnight, whose days have moved on.
        moved = (
            "These days have changed since the page was opened. "
            "Reload the page, then tick your days again."
        )
        for name in ("tick", "was"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = moved

    def changes(self) -> tuple[set[tuple[str, datetime.date]], set[tuple[str, datetime.date]]]:
        """(days to tick, days to untick)."""
        now, was = set(self.cleaned_data["tick"]), set(self.cleaned_data["was"])
        return _cells(now - was), _cells(was - now)


def _cells(values: set[str]) -> set[tuple[str, datetime.date]]:
    pairs = (value.split(":", 1) for value in values)
    return {(practice, datetime.date.fromisoformat(day)) for practice, day in pairs}


class CompleteForm(forms.Form):
    complete = forms.TypedChoiceField(
        choices=[("0", "no"), ("1", "yes")], coerce=lambda v: v == "1"
    )

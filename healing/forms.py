from __future__ import annotations

import datetime
from typing import Any

from django import forms

from healing.feelings import FEELINGS, INTENSITIES
from healing.models import MAX_ANSWER_LENGTH, Exercise, Frequency, Kind

MAX_LIST_ITEMS = 100
TOO_LONG = (
    "Answers can be up to 20,000 characters; this one has %(show_value)d. Your text is still "
    "here: shorten it, or carry on in another answer."
)
UNKNOWN_CHOICE = "“%(value)s” is not one of the choices here. Please choose one from the list."
NOTHING_YET = "There is nothing to save yet. Write or choose something first."
BAD_LIST_ACTION = (
    "That list action was not understood, so your list is unchanged. Please try again."
)


def _not_too_long(value: str) -> None:
    # A line break is one character however the browser sent it ("\r\n" from a plain form
    # post, "\n" from a script): the same text must pass or fail the same way on both paths.
    length = len(value.replace("\r\n", "\n"))
    if length > MAX_ANSWER_LENGTH:
        raise forms.ValidationError(TOO_LONG, code="max_length", params={"show_value": length})


class PrivateText(forms.CharField):
    """Stored exactly as typed (no stripping). Its length is checked by the server only: a
    browser's maxlength would cut a long paste silently, and the end of it would be lost."""

    default_validators = [_not_too_long]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strip=False, **kwargs)


def text_field(label: str, help_text: str = "") -> forms.CharField:
    return PrivateText(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(forms.Form):
    """One exercise's answer, whatever its kind; `answer()` gives the JSON to store.

    Field names carry the exercise key as prefix, so several exercises share a page.
    """

    def __init__(
        self,
        exercise: Exercise,
        *args: Any,
        require_something: bool = True,
        autosave: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", exercise.key)
        kwargs.setdefault("label_suffix", "")  # labels are prompts: "Dear me," not "Dear me,:"
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        self.require_something = require_something
        self.autosave = autosave
        self.items: list[str] = []
        builder = getattr(self, f"_fields_{exercise.kind}")
        builder()

    # -- fields per kind ---------------------------------------------------------

    def _fields_reflection(self) -> None:
        for prompt in self.exercise.items("prompts"):
            self.fields[f"prompt-{prompt['id']}"] = text_field(
                prompt["text"], prompt.get("help", "")
            )

    _fields_lookback = _fields_reflection

    def _fields_worksheet(self) -> None:
        for item in self.exercise.items("fields"):
            self.fields[f"field-{item['id']}"] = text_field(item["label"], item.get("help", ""))

    def _fields_checklist(self) -> None:
        self.fields["options"] = forms.MultipleChoiceField(
            label="Where my doubt comes from",
            choices=[(o["id"], o["label"]) for o in self.exercise.items("options")],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": UNKNOWN_CHOICE},
        )
        self.fields["note"] = text_field(self.exercise.config.get("note_label", "A note"))

    def _fields_feelings(self) -> None:
        choices = [("", "Not now"), *((str(level), name) for level, name in INTENSITIES.items())]
        for feeling in FEELINGS:
            self.fields[f"feeling-{feeling.code}"] = forms.TypedChoiceField(
                label=feeling.name,
                help_text=feeling.description,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": UNKNOWN_CHOICE},
            )
        self.fields["note"] = text_field("Anything else you want to say about it")

    def _fields_practice_plan(self) -> None:
        choices = [("", "Not for now"), *Frequency.choices]
        for practice in self.exercise.items("practices"):
            self.fields[f"practice-{practice['id']}"] = forms.ChoiceField(
                label=practice["name"],
                help_text=practice.get("description", ""),
                choices=choices,
                required=False,
                error_messages={"invalid_choice": UNKNOWN_CHOICE},
            )

    def _fields_list_builder(self) -> None:
        self.fields["new_item"] = PrivateText(
            label=self.exercise.config.get("item_label", "A new item"), required=False
        )

    # -- validation ----------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.exercise.kind == Kind.LIST_BUILDER:
            self._clean_list(cleaned)
        if not self.errors and self.require_something and self.exercise.is_empty(self.answer()):
            raise forms.ValidationError(NOTHING_YET)
        return cleaned

    def _clean_list(self, cleaned: dict[str, Any]) -> None:
        items = self.data.getlist(self.add_prefix("item")) if self.is_bound else []
        action = self.data.get(self.add_prefix("op"), "save")
        new_item = cleaned.get("new_item") or ""
        if any(len(item) > MAX_ANSWER_LENGTH for item in items):
            self.add_error(None, TOO_LONG % {"show_value": max(map(len, items))})
        verb, _, position = action.partition(":")
        if verb in ("remove", "up", "down"):
            if not (position.isascii() and position.isdigit()) or int(position) >= len(items):
                self.add_error(None, BAD_LIST_ACTION)
            else:
                items = self._move(items, verb, int(position))
        elif verb == "add" and not new_item.strip():
            self.add_error("new_item", "Write something to add first.")
        elif verb not in ("add", "save"):
            self.add_error(None, BAD_LIST_ACTION)
        if verb in ("add", "save") and new_item.strip() and not self.autosave:
            items.append(new_item)
            self.added = True
        self.items = [item for item in items if item.strip()]
        if len(self.items) > MAX_LIST_ITEMS:
            self.add_error(None, f"A list can hold up to {MAX_LIST_ITEMS} items.")

    @staticmethod
    def _move(items: list[str], verb: str, index: int) -> list[str]:
        items = list(items)
        if verb == "remove":
            del items[index]
        else:
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
        return items

    def answer(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = self.exercise.kind

        def texts(prefix: str) -> dict[str, str]:
            return {
                name.removeprefix(prefix): data.get(name) or ""
                for name in self.fields
                if name.startswith(prefix)
            }

        if kind in (Kind.REFLECTION, Kind.LOOKBACK):
            return {"prompts": texts("prompt-")}
        if kind == Kind.WORKSHEET:
            return {"fields": texts("field-")}
        if kind == Kind.CHECKLIST:
            return {"options": data.get("options") or [], "note": data.get("note") or ""}
        if kind == Kind.FEELINGS:
            felt = {
                name.removeprefix("feeling-"): data[name]
                for name in self.fields
                if name.startswith("feeling-") and data.get(name)
            }
            return {"feelings": felt, "note": data.get("note") or ""}
        if kind == Kind.PRACTICE_PLAN:
            return {"practices": {k: v for k, v in texts("practice-").items() if v}}
        return {"items": self.items}


class TicksForm(forms.Form):
    """The days a person did their chosen practices, within the window shown."""

    tick = forms.MultipleChoiceField(
        required=False,
        error_messages={
            # Most often a page left open past midnight, whose days have moved on.
            "invalid_choice": "These days have changed since the page was opened. "
            "Reload the page, then tick your days again."
        },
    )

    def __init__(self, practices: list[str], days: list[datetime.date], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["tick"].choices = [
            (f"{practice}:{day.isoformat()}", "") for practice in practices for day in days
        ]

    def ticked(self) -> set[tuple[str, datetime.date]]:
        pairs = (value.split(":", 1) for value in self.cleaned_data["tick"])
        return {(practice, datetime.date.fromisoformat(day)) for practice, day in pairs}


class CompleteForm(forms.Form):
    complete = forms.TypedChoiceField(
        choices=[("0", "no"), ("1", "yes")], coerce=lambda v: v == "1"
    )

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms

from healing.feelings import FeelingsField
from healing.models import Exercise
from healing.writing import PrivateText
from journal.models import (
    MAX_BODY,
    MAX_TAG,
    MAX_TAGS,
    MAX_TITLE,
    Content,
    EntryQuerySet,
    Mood,
    tag_key,
)

if TYPE_CHECKING:
    from accounts.models import User

EARLIEST = datetime.date(1900, 1, 1)
BAD_DATE = "Enter a real date, like 2026-03-14."


class EntryForm(forms.Form):
    """One journal entry as the editor sends it (every field, on every save)."""

    title = PrivateText(
        limit=MAX_TITLE,
        what="Titles",
        required=False,
        label="Title (optional)",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    entry_date = forms.DateField(
        required=False,
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": BAD_DATE},
    )
    mood = forms.TypedChoiceField(
        required=False,
        label="Mood",
        choices=[("", "Not saying"), *Mood.choices],
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a mood from 1 to 5, or “Not saying”."},
    )
    feelings = FeelingsField(label="Feelings")
    tags = forms.CharField(
        required=False,
        label="Tags",
        help_text="Your own words to find entries by, separated by commas.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = PrivateText(
        limit=MAX_BODY,
        what="Entries",
        required=False,
        label="What's on your mind",
        help_text="Markdown works: *italics*, **bold**, lists, links.",
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    prompt = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_entry_date(self) -> datetime.date:
        date = self.cleaned_data["entry_date"] or self.today
        if not EARLIEST <= date <= self.today + datetime.timedelta(days=366):
            raise forms.ValidationError("Choose a date between 1900 and a year from now.")
        return date

    def clean_tags(self) -> list[str]:
        names: dict[str, str] = {}
        for name in self.cleaned_data["tags"].split(","):
            name = " ".join(name.split())
            if name:
                names.setdefault(tag_key(name), name)
        if any(len(name) > MAX_TAG for name in names.values()):
            raise forms.ValidationError(f"A tag can be up to {MAX_TAG} characters.")
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(f"An entry can have up to {MAX_TAGS} tags.")
        return list(names.values())

    def clean_prompt(self) -> Exercise | None:
        key = self.cleaned_data["prompt"]
        return Exercise.objects.filter(key=key).first() if key else None

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            title=data["title"],
            body=data["body"],
            entry_date=data["entry_date"],
            mood=data["mood"],
            feelings=data["feelings"],
            tags=data["tags"],
        )

    @classmethod
    def initial_from(cls, content: Content) -> dict[str, Any]:
        return {
            "title": content.title,
            "body": content.body,
            "entry_date": content.entry_date,
            "mood": content.mood or "",
            "feelings": content.feelings,
            "tags": ", ".join(content.tags),
        }


class CarryForm(forms.Form):
    """Text carried over from an exercise answer too long for it."""

    body = PrivateText(limit=MAX_BODY, what="Entries")
    prompt = forms.SlugField(required=False)


class FindForm(forms.Form):
    """What the journal list shows: which page, and the filters (all in the query string)."""

    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "A page is a whole number, like 2.",
            "min_value": "Pages start at 1.",
        },
    )
    prompt = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1

    def clean_prompt(self) -> Exercise | None:
        key = self.cleaned_data["prompt"]
        if not key:
            return None
        prompt = Exercise.objects.filter(key=key).first()
        if prompt is None:
            raise forms.ValidationError("That prompt is not in the guide.")
        return prompt

    def entries(self) -> EntryQuerySet:
        entries = self.user.journal_entries.live().newest_first()
        if self.cleaned_data["prompt"]:
            entries = entries.filter(prompt=self.cleaned_data["prompt"])
        return entries

    @property
    def filtered(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data["prompt"])

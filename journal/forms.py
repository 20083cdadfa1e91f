from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms

from healing.feelings import FEELINGS, FeelingsField
from healing.formrender import PlainSelect
from healing.models import Exercise
from healing.writing import PrivateText
from journal import search
from journal.insights import PERIODS
from journal.models import (
    MAX_BODY,
    MAX_TAG,
    MAX_TAGS,
    MAX_TITLE,
    Content,
    EntryQuerySet,
    EntryWord,
    Mood,
    Tag,
    tag_key,
)

if TYPE_CHECKING:
    from accounts.models import User

EARLIEST = datetime.date(1900, 1, 1)
MAX_QUERY_LENGTH = search.MAX_QUERY_LENGTH
MAX_QUERY_WORDS = search.MAX_QUERY_WORDS
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
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "auto"}),
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
    """What the journal list shows: search words, filters and the page, all in the query
    string so a search can be bookmarked. Every value is checked; none can fail the page."""

    q = forms.CharField(
        required=False,
        label="Search your journal",
        max_length=MAX_QUERY_LENGTH,
        help_text="Finds whole words, whatever their case or accents; not parts of words.",
        error_messages={
            "max_length": f"Search for a few words at a time (up to {MAX_QUERY_LENGTH} characters)."
        },
    )
    tag = forms.UUIDField(
        required=False, error_messages={"invalid": "That tag address is not one we know."}
    )
    mood = forms.TypedChoiceField(
        required=False,
        choices=[("", "Any mood"), *Mood.choices],
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        error_messages={"invalid_choice": "A mood is a number from 1 to 5."},
    )
    feeling = forms.ChoiceField(
        required=False,
        choices=[("", "Any feeling"), *((f.code, f.name) for f in FEELINGS)],
        widget=PlainSelect,
        error_messages={"invalid_choice": "“%(value)s” is not one of the feelings."},
    )
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
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                required=False,
                label=label,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": BAD_DATE},
            )
        # All the person's tags, by id, each opened once: the filter lists them all and
        # the list's rows name theirs from here (EntryQuerySet.with_tags).
        self.tags = self.user.journal_tags.in_bulk()
        self.fields["tag"].widget = PlainSelect(choices=self.tag_choices())

    def tag_choices(self) -> list[tuple[str, str]]:
        tags = sorted(self.tags.values(), key=lambda tag: tag.name.casefold())
        return [("", "Any tag"), *((str(tag.code), tag.name) for tag in tags)]

    def clean_q(self) -> set[str]:
        found = search.words(self.cleaned_data["q"])
        if len(found) > MAX_QUERY_WORDS:
            raise forms.ValidationError(f"Search for up to {MAX_QUERY_WORDS} words at a time.")
        return found

    def clean_tag(self) -> Tag | None:
        code = self.cleaned_data["tag"]
        if code is None:
            return None
        # Another person's tag is answered exactly like one that does not exist.
        tag = next((tag for tag in self.tags.values() if tag.code == code), None)
        if tag is None:
            raise forms.ValidationError("That tag address is not one we know.")
        return tag

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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The end date comes before the start date.")
        return cleaned

    def entries(self) -> EntryQuerySet:
        data = self.cleaned_data
        entries = self.user.journal_entries.live().newest_first()
        if data["q"]:
            entries = entries.filter(pk__in=EntryWord.objects.matching(self.user, data["q"]))
        if data["tag"]:
            entries = entries.filter(tags=data["tag"])
        if data["mood"]:
            entries = entries.filter(mood=data["mood"])
        if data["feeling"]:
            entries = entries.filter(feelings__has_key=data["feeling"])
        if data["from"]:
            entries = entries.filter(entry_date__gte=data["from"])
        if data["to"]:
            entries = entries.filter(entry_date__lte=data["to"])
        if data["prompt"]:
            entries = entries.filter(prompt=data["prompt"])
        return entries

    @property
    def filtered(self) -> bool:
        if not (self.is_bound and self.is_valid()):
            return False
        return any(value for name, value in self.cleaned_data.items() if name != "page")

    def query_string(self, page: int) -> str:
        """This search's query string, at another page."""
        kept = {name: value for name, value in self.data.items() if value and name != "page"}
        return urlencode({**kept, "page": page})


class MonthForm(forms.Form):
    """Which month the calendar shows: `?month=YYYY-MM`, this month when left out."""

    month = forms.RegexField(
        regex=r"^\d{4}-\d{2}$",
        required=False,
        error_messages={"invalid": "A month looks like 2026-03."},
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_month(self) -> datetime.date:
        value = self.cleaned_data["month"]
        if not value:
            return self.today.replace(day=1)
        year, month = map(int, value.split("-"))
        if not (1 <= month <= 12 and EARLIEST.year <= year <= self.today.year + 1):
            raise forms.ValidationError("There is no such month in the calendar.")
        return datetime.date(year, month, 1)


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        choices=Mood.choices,
        coerce=int,
        error_messages={
            "required": "Choose how you are today, from 1 to 5.",
            "invalid_choice": "Choose how you are today, from 1 to 5.",
        },
    )


class PeriodForm(forms.Form):
    """How far back the insights look: `?days=30`, 90 or 365."""

    days = forms.TypedChoiceField(
        required=False,
        choices=[(str(days), days) for days in PERIODS],
        coerce=int,
        empty_value=PERIODS[0],
        error_messages={
            "invalid_choice": "Insights look back 30, 90 or 365 days; choose one of those."
        },
    )

    def clean_days(self) -> int:
        return self.cleaned_data["days"] or PERIODS[0]

"""{{ entries|entry_rows }}: the journal's list rows, drawn in Python.

A list page shows twenty rows; through the template engine each cost about as much as
the rest of the page together (bench/inprocess.py). The same markup, the same filters
(the date, truncation), every value escaped. Django's own filters cost over a hundred
Python calls a value (the date formatter, a walk over every character to truncate,
reverse() for each address); the helpers below give the same text for a few.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from functools import cache
from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import get_language

from healing.dates import long_date
from journal.models import Entry, Mood

register = template.Library()

MOODS = dict(Mood.choices)
STAND_IN = str(uuid.UUID(int=0))


@cache
def _mark(language: str) -> str:
    """Truncation's mark ("…", put after the cut text) in `language`, the active one."""
    return add_truncation_text("")


class Rows:
    """Draws rows; what they share is worked out once a list: the entry page's address
    (one reverse(), STAND_IN standing for the code), and the words of the language."""

    def __init__(self) -> None:
        self.address = escape(reverse("journal:entry-detail", args=[STAND_IN]))
        self.mark = _mark(get_language())

    def clip(self, text: str, length: int) -> str:
        """truncatechars(text, length): the text when it fits, else cut and marked."""
        text = unicodedata.normalize("NFC", text)
        if len(text) <= length:
            return text
        if any(map(unicodedata.combining, text)):  # they do not count: Django's walk counts them
            return truncatechars(text, length)
        return text[: length - len(self.mark)] + self.mark

    def row(self, entry: Entry) -> str:
        """Every value in a row is a person's plain text (escaped here), except the
        search's snippet, which search.snippet made safe. Each sealed value is read once
        (every read of one costs a few calls) and only when shown."""
        address = self.address.replace(STAND_IN, str(entry.code))
        title = entry.title
        day = escape(long_date(entry.entry_date, weekday=True))
        return (
            f'<li class="entry-row">\n'
            f'  <a class="entry-row__link" href="{address}">\n'
            f'    <span class="entry-row__date">{day}</span>\n'
            f'    <span class="entry-row__title" dir="auto">{self.title(entry, title)}</span>\n'
            f"  </a>{self.excerpt(entry, title)}{self.meta(entry)}\n"
            f"</li>\n"
        )

    def title(self, entry: Entry, title: str) -> str:
        if title:
            return escape(title)
        excerpt = entry.excerpt
        return escape(self.clip(excerpt, 90)) if excerpt else "Untitled"

    def excerpt(self, entry: Entry, title: str) -> str:
        """A search's snippet, else the excerpt under a title (untitled, it is the title)."""
        snippet = getattr(entry, "snippet", None)  # set by a search
        if snippet:
            return f'\n  <p class="entry-row__excerpt" dir="auto">{snippet}</p>'
        excerpt = escape(self.clip(entry.excerpt, 160)) if title else ""
        return f'\n  <p class="entry-row__excerpt" dir="auto">{excerpt}</p>' if excerpt else ""

    def meta(self, entry: Entry) -> str:
        tags = entry.tag_list
        if not (entry.mood or tags):
            return ""
        label = MOODS.get(entry.mood, entry.mood)
        mood = f"<span>Mood: {escape(str(label))}</span>" if entry.mood else ""
        names = "".join(f'<span class="tag" dir="auto">{escape(tag.name)}</span>' for tag in tags)
        return f'\n  <p class="entry-row__meta">\n    {mood}{names}\n  </p>'


@register.filter
def entry_rows(entries: Iterable[Entry]) -> SafeString:
    rows = Rows()
    return mark_safe("".join(map(rows.row, entries)))  # noqa: S308 (every value escaped)

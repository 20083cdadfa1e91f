"""{{ entries|entry_rows }}: the journal's list rows, drawn in Python.

A list page shows twenty rows; through the template engine each cost about as much as
the rest of the page together (bench/inprocess.py). The same markup, the same filters
(the date, truncation), every value escaped. Django's own filters cost over a hundred
Python calls a value (the date formatter, a walk over every character to truncate,
reverse() for each address); the helpers below give the same text for a few.
"""

from __future__ import annotations

import datetime
import unicodedata
import uuid
from collections.abc import Iterable
from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text, calculate_truncate_chars_length

from journal.models import Entry, Mood

register = template.Library()

MOODS = dict(Mood.choices)
STAND_IN = str(uuid.UUID(int=0))


def clip(text: str, length: int) -> str:
    """truncatechars(text, length): the text when it fits, else cut with "…"."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text)):  # they do not count: Django's walk counts them
        return truncatechars(text, length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])


def day(date: datetime.date) -> str:
    """date(value, "D j F Y"): "Mon 4 May 2026", in the active language."""
    return f"{WEEKDAYS_ABBR[date.weekday()]} {date.day} {MONTHS[date.month]} {date.year:04d}"


def entry_row(entry: Entry, address: str) -> str:
    """One row; `address` is the entry page's, escaped, with STAND_IN for the code. Every
    value below is a person's plain text (escaped here), except the search's snippet,
    which search.snippet made safe."""
    if entry.title:
        title = escape(entry.title)
    elif entry.excerpt:
        title = escape(clip(entry.excerpt, 90))
    else:
        title = "Untitled"
    snippet = getattr(entry, "snippet", None)  # set by a search
    if snippet:
        excerpt = f'\n  <p class="entry-row__excerpt" dir="auto">{snippet}</p>'
    elif entry.title and entry.excerpt:
        excerpt = (
            f'\n  <p class="entry-row__excerpt" dir="auto">{escape(clip(entry.excerpt, 160))}</p>'
        )
    else:
        excerpt = ""
    meta = ""
    if entry.mood or entry.tag_list:
        mood = (
            f"<span>Mood: {escape(str(MOODS.get(entry.mood, entry.mood)))}</span>"
            if entry.mood
            else ""
        )
        names = "".join(
            f'<span class="tag" dir="auto">{escape(tag.name)}</span>' for tag in entry.tag_list
        )
        meta = f'\n  <p class="entry-row__meta">\n    {mood}{names}\n  </p>'
    return (
        f'<li class="entry-row">\n'
        f'  <a class="entry-row__link" href="{address.replace(STAND_IN, str(entry.code))}">\n'
        f'    <span class="entry-row__date">{escape(day(entry.entry_date))}</span>\n'
        f'    <span class="entry-row__title" dir="auto">{title}</span>\n'
        f"  </a>{excerpt}{meta}\n"
        f"</li>\n"
    )


@register.filter
def entry_rows(entries: Iterable[Entry]) -> SafeString:
    # One reverse() a list, not one a row.
    address = escape(reverse("journal:entry-detail", args=[STAND_IN]))
    rows = "".join(entry_row(entry, address) for entry in entries)
    return mark_safe(rows)  # noqa: S308 (every value escaped)

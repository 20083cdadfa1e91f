"""{{ entries|entry_rows }}: the journal's list rows, drawn in Python.

A list page shows twenty rows; through the template engine each cost about as much as
the rest of the page together (bench/inprocess.py). The same markup, the same filters
(the date, truncation), every value escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.defaultfilters import date, truncatechars
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from journal.models import Entry

register = template.Library()


def entry_row(entry: Entry) -> str:
    if entry.title:
        title = esc(entry.title)
    elif entry.excerpt:
        title = esc(truncatechars(entry.excerpt, 90))
    else:
        title = "Untitled"
    snippet = getattr(entry, "snippet", None)  # set by a search
    if snippet:
        excerpt = f'\n  <p class="entry-row__excerpt" dir="auto">{esc(snippet)}</p>'
    elif entry.title and entry.excerpt:
        excerpt = (
            f'\n  <p class="entry-row__excerpt" dir="auto">'
            f"{esc(truncatechars(entry.excerpt, 160))}</p>"
        )
    else:
        excerpt = ""
    tags = list(entry.tags.all())
    meta = ""
    if entry.mood or tags:
        mood = f"<span>Mood: {esc(entry.get_mood_display())}</span>" if entry.mood else ""
        names = "".join(f'<span class="tag" dir="auto">{esc(tag.name)}</span>' for tag in tags)
        meta = f'\n  <p class="entry-row__meta">\n    {mood}{names}\n  </p>'
    return (
        f'<li class="entry-row">\n'
        f'  <a class="entry-row__link" href="{esc(entry.get_absolute_url())}">\n'
        f'    <span class="entry-row__date">{esc(date(entry.entry_date, "D j F Y"))}</span>\n'
        f'    <span class="entry-row__title" dir="auto">{title}</span>\n'
        f"  </a>{excerpt}{meta}\n"
        f"</li>\n"
    )


@register.filter
def entry_rows(entries: Iterable[Entry]) -> SafeString:
    return mark_safe("".join(map(entry_row, entries)))  # noqa: S308 (every value escaped)

"""Dates as Django's `date` filter writes "j F Y" (2 December 2026) and "D j F Y" (Wed 2
December 2026) in the active language, without its format parser: a page of rows, or a
year of days in insights, writes hundreds. Plain text: escape it where it meets HTML."""

from __future__ import annotations

import datetime
import functools

from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import get_language


@functools.cache
def _names(language: str | None) -> tuple[list[str], dict[int, str]]:
    return [str(WEEKDAYS_ABBR[n]) for n in range(7)], {n: str(name) for n, name in MONTHS.items()}


def long_date(day: datetime.date, weekday: bool = False) -> str:
    weekdays, months = _names(get_language())
    text = f"{day.day} {months[day.month]} {day.year:04d}"
    return f"{weekdays[day.weekday()]} {text}" if weekday else text

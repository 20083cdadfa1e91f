"""A month of the journal as weeks of days, each with its entries and the day's mood:
the day's check-in where there is one, else the mean of its entries' moods."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Avg, Count, QuerySet
from django.urls import reverse

from journal.models import Mood

WEEKDAYS = [(name, name[:3]) for name in calendar.day_name]  # Monday first


@dataclass
class Day:
    date: datetime.date
    entries: int = 0
    mood: float | None = None

    @property
    def mood_word(self) -> str:
        return Mood(round(self.mood)).label if self.mood else ""

    @property
    def url(self) -> str:
        day = self.date.isoformat()
        return f"{reverse('journal:entry-list')}?{urlencode({'from': day, 'to': day})}"


class Month:
    def __init__(self, first: datetime.date, entries: QuerySet, check_ins: QuerySet) -> None:
        self.first = first
        days = calendar.monthrange(first.year, first.month)[1]
        self.last = first.replace(day=days)
        rows = (
            entries.filter(entry_date__range=(self.first, self.last))
            .values("entry_date")
            .annotate(entries=Count("pk"), mood=Avg("mood"))
            .order_by()
        )
        found = {row["entry_date"]: row for row in rows}
        checked = dict(
            check_ins.filter(day__range=(self.first, self.last)).values_list("day", "mood")
        )
        self.days = []
        for date in (first + datetime.timedelta(days=n) for n in range(days)):
            row = found.get(date, {})
            mood = checked.get(date, row.get("mood"))
            self.days.append(Day(date, row.get("entries", 0), mood))

    @property
    def weeks(self) -> list[list[Day | None]]:
        """Monday first; days of other months are left empty."""
        padded: list[Day | None] = [None] * self.first.weekday() + list(self.days)
        padded += [None] * (-len(padded) % 7)
        return [padded[n : n + 7] for n in range(0, len(padded), 7)]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return self.last + datetime.timedelta(days=1)

    @property
    def total(self) -> int:
        return sum(day.entries for day in self.days)

"""What the insights page shows, computed from values stored in clear (dates, moods,
feeling codes): a few queries whatever the size of the journal, no text decrypted.

Charts are drawn here as SVG coordinates; every chart is followed on the page by the
same numbers as a table.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

from django.db.models import TextField
from django.db.models.functions import Cast

from healing.feelings import FEELINGS

if TYPE_CHECKING:
    from accounts.models import User

PERIODS = (30, 90, 365)
WIDTH, HEIGHT, PAD = 420, 180, 28
TOP_FEELINGS = 8


@dataclass
class Point:
    day: datetime.date
    mood: float
    x: float = 0
    y: float = 0


@dataclass
class Week:
    start: datetime.date
    entries: int
    x: float = 0
    y: float = 0
    height: float = 0


@dataclass
class Insights:
    days: int
    first: datetime.date
    last: datetime.date
    moods: list[Point] = field(default_factory=list)
    weeks: list[Week] = field(default_factory=list)
    feelings: list[tuple[str, int]] = field(default_factory=list)
    entries: int = 0

    @property
    def mood_line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.moods)

    @property
    def mood_axis(self) -> list[tuple[float, int]]:
        """Where each mood's grid line goes, best first."""
        return [(_mood_y(level), level) for level in range(5, 0, -1)]

    @property
    def most_weekly(self) -> int:
        return max((week.entries for week in self.weeks), default=0)

    @property
    def top_feeling(self) -> int:
        return max((count for _, count in self.feelings), default=0)

    @property
    def size(self) -> tuple[int, int, int, int, int]:
        """The charts' width, height, padding, right edge and baseline."""
        return WIDTH, HEIGHT, PAD, WIDTH - PAD, HEIGHT - PAD

    @property
    def bar_width(self) -> float:
        return (WIDTH - 2 * PAD) / max(len(self.weeks), 1) * 0.7


def gather(user: User, days: int) -> Insights:
    last = user.today()
    first = last - datetime.timedelta(days=days - 1)
    insights = Insights(days=days, first=first, last=last)
    # Feelings as stored text, read as one JSON list: decoding each row's own costs more
    # than the rest of the page for a year of entries.
    entries = list(
        user.journal_entries.live()
        .filter(entry_date__range=(first, last))
        .values_list("entry_date", "mood", Cast("feelings", TextField()))
    )
    checkins = dict(user.mood_checkins.filter(day__range=(first, last)).values_list("day", "mood"))
    check_ins_felt = (
        user.guide_responses.filter(answered_on__range=(first, last), aside=False)
        .order_by()  # counted, so in any order: no join to the exercises to sort them
        .values_list("in_clear", flat=True)
    )
    insights.entries = len(entries)
    insights.moods = _moods(entries, checkins, first, days)
    insights.weeks = _weeks(entries, first, last)
    felt = json.loads(f"[{','.join(map(itemgetter(2), entries))}]")
    felt += [clear.get("feelings", {}) for clear in check_ins_felt]
    counted = Counter(chain.from_iterable(felt))  # codes; only the vocabulary's are shown
    # Ties keep the vocabulary's order, so the chart is the same on every database.
    named = sorted((f for f in FEELINGS if counted[f.code]), key=lambda f: -counted[f.code])
    insights.feelings = [(feeling.name, counted[feeling.code]) for feeling in named[:TOP_FEELINGS]]
    return insights


def _mood_y(mood: float) -> float:
    return PAD + (5 - mood) / 4 * (HEIGHT - 2 * PAD)


def _x(index: int, slots: int) -> float:
    return PAD + (index / max(slots - 1, 1)) * (WIDTH - 2 * PAD)


def _moods(
    entries: list[tuple[datetime.date, int | None, str]],
    checkins: dict[datetime.date, int],
    first: datetime.date,
    days: int,
) -> list[Point]:
    """A day's mood is its check-in, or else the mean of its entries' moods."""
    by_day: dict[datetime.date, list[int]] = {}
    for day, mood, _ in entries:
        if mood:
            by_day.setdefault(day, []).append(mood)
    moods = {day: sum(values) / len(values) for day, values in by_day.items()}
    moods.update(checkins)
    points = []
    for day in sorted(moods):
        index = (day - first).days
        points.append(Point(day, moods[day], _x(index, days), _mood_y(moods[day])))
    return points


def _weeks(
    entries: list[tuple[datetime.date, int | None, str]],
    first: datetime.date,
    last: datetime.date,
) -> list[Week]:
    """Entries per week, Monday to Sunday, over the whole period."""
    start = first - datetime.timedelta(days=first.weekday())
    counted: Counter[datetime.date] = Counter()
    for day, total in Counter(map(itemgetter(0), entries)).items():
        counted[day - datetime.timedelta(days=day.weekday())] += total
    weeks = []
    while start <= last:
        weeks.append(Week(start, counted.get(start, 0)))
        start += datetime.timedelta(days=7)
    most = max((week.entries for week in weeks), default=0) or 1
    slot = (WIDTH - 2 * PAD) / len(weeks)
    for n, week in enumerate(weeks):
        week.height = week.entries / most * (HEIGHT - 2 * PAD)
        week.x = PAD + n * slot + slot * 0.15
        week.y = HEIGHT - PAD - week.height
    return weeks

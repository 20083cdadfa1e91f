"""The insights charts' marks and tables, one per day or week, drawn in Python.

A year has 365 days and 53 weeks: through the template engine, with a `floatformat` and a
`date` filter for each, they cost several times the rest of the page (bench/inprocess.py).
The same markup, numbers rounded as `floatformat` rounds them, dates written as the `date`
filter writes them in the active language.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from healing.dates import long_date
from journal.insights import Insights, Point, Week
from journal.models import Mood

register = template.Library()

TENTH = Decimal("0.1")


def one_place(value: float) -> str:
    """`value|floatformat:1` (half up, from the number as Python prints it)."""
    return f"{Decimal(str(value)).quantize(TENTH, ROUND_HALF_UP):f}"


def at_most_one_place(value: float) -> str:
    """`value|floatformat:"-1"`: no decimal place for a whole number."""
    return str(int(value)) if value == int(value) else one_place(value)


def long_dates(days: list[datetime.date], weekday: bool) -> list[str]:
    """Each `day|date:"D j F Y"` with the weekday, else `day|date:"j F Y"`, escaped."""
    return [esc(long_date(day, weekday)) for day in days]


@register.filter
def mood_axis(insights: Insights) -> SafeString:
    _, _, left, right, _ = insights.size
    return mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'\n              <line class="chart__grid" x1="{left}" x2="{right}" y1="{y}" y2="{y}">'
            f"</line>\n"
            f'              <text class="chart__label" x="{left - 6}" y="{y}" text-anchor="end"'
            f' dominant-baseline="middle">{level}</text>\n            '
            for y, level in insights.mood_axis
        )
    )


@register.filter
def mood_dots(moods: list[Point]) -> SafeString:
    return mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<circle class="chart__dot" cx="{one_place(point.x)}" cy="{one_place(point.y)}"'
            f' r="4"></circle>'
            for point in moods
        )
    )


@register.filter
def mood_rows(moods: list[Point]) -> SafeString:
    days = long_dates([point.day for point in moods], weekday=True)
    words = {level: esc(str(label).lower()) for level, label in Mood.choices}
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<tr><th scope="row">{day}</th>'
            f"<td>{at_most_one_place(point.mood)} ({words[round(point.mood)]})</td></tr>"
            for day, point in zip(days, moods, strict=True)
        )
    )


@register.filter
def week_bars(insights: Insights) -> SafeString:
    width = one_place(insights.bar_width)
    return mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<rect class="chart__bar" x="{one_place(week.x)}" y="{one_place(week.y)}"'
            f' width="{width}" height="{one_place(week.height)}"></rect>'
            for week in insights.weeks
        )
    )


@register.filter
def week_rows(weeks: list[Week]) -> SafeString:
    days = long_dates([week.start for week in weeks], weekday=False)
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<tr><th scope="row">{day}</th><td>{week.entries}</td></tr>'
            for day, week in zip(days, weeks, strict=True)
        )
    )


@register.filter
def feeling_bars(insights: Insights) -> SafeString:
    top = insights.top_feeling
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'\n            <li><span class="feeling-bars__name">{esc(name)}</span>'
            f' <meter min="0" max="{top}" value="{count}" aria-hidden="true">{count}</meter>'
            f' <span class="feeling-bars__count">{count} time{"" if count == 1 else "s"}</span>'
            "</li>\n          "
            for name, count in insights.feelings
        )
    )

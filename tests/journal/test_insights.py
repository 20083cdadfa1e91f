"""Insights: mood over time as server-drawn SVG with its table, feelings, rhythm, progress."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.template.defaultfilters import date, floatformat
from django.test.utils import CaptureQueriesContext

from healing.models import Exercise, Response
from journal.insights import HEIGHT, PAD, WIDTH, gather
from journal.models import CheckIn, Mood
from journal.templatetags.insight_charts import (
    at_most_one_place,
    mood_dots,
    mood_rows,
    one_place,
    week_bars,
    week_rows,
)
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db


def days_ago(user, n: int) -> datetime.date:
    return user.today() - datetime.timedelta(days=n)


def test_a_days_mood_is_its_check_in_or_else_the_mean_of_its_entries(user):
    make_entry(user, entry_date=days_ago(user, 3), mood=2)
    make_entry(user, entry_date=days_ago(user, 3), mood=5)
    make_entry(user, entry_date=days_ago(user, 1), mood=1)
    CheckIn.objects.create(user=user, day=days_ago(user, 1), mood=4)

    moods = [(p.day, p.mood) for p in gather(user, 30).moods]

    assert moods == [(days_ago(user, 3), 3.5), (days_ago(user, 1), 4)]


def test_the_chart_puts_each_day_where_it_belongs_and_the_table_says_the_same(auth_client, user):
    make_entry(user, entry_date=days_ago(user, 29), mood=5)  # the first day of 30
    make_entry(user, entry_date=days_ago(user, 0), mood=1)  # today

    html = auth_client.get("/insights/").content.decode()

    top, bottom = PAD, HEIGHT - PAD
    assert f'cx="{PAD:.1f}" cy="{top:.1f}"' in html
    assert f'cx="{WIDTH - PAD:.1f}" cy="{bottom:.1f}"' in html
    assert f'points="{PAD:.1f},{top:.1f} {WIDTH - PAD:.1f},{bottom:.1f}"' in html
    table = html[html.index("<caption>Mood by day</caption>") :].split("</table>")[0]
    assert re.findall(r"<td>([^<]+)</td>", table) == ["5 (very good)", "1 (very low)"]
    assert 'role="img" aria-labelledby="mood-chart-title"' in html


def test_feelings_named_most_often_count_the_journal_and_the_guides_check_in(auth_client, user):
    make_entry(user, entry_date=days_ago(user, 2), feelings={"hurt": 3, "hope": 1})
    make_entry(user, entry_date=days_ago(user, 1), feelings={"hurt": 2})
    Response.objects.create(
        user=user,
        exercise=Exercise.objects.get(key="toll-name-what-i-feel"),
        version=1,
        answered_on=days_ago(user, 1),
        answer={"feelings": {"hope": 2, "anger": 1}, "note": ""},
    )

    assert gather(user, 30).feelings == [("Hurt", 2), ("Hope", 2), ("Anger", 1)]
    html = auth_client.get("/insights/").content.decode()
    assert "Hurt</span>" in html and "2 times" in html
    assert '<meter min="0" max="2" value="1" aria-hidden="true">1</meter>' in html
    assert '<span class="feeling-bars__count">1 time</span>' in html


def test_writing_rhythm_counts_entries_per_week(user):
    monday = user.today() - datetime.timedelta(days=user.today().weekday())
    make_entry(user, entry_date=monday)
    make_entry(user, entry_date=monday)
    make_entry(user, entry_date=monday - datetime.timedelta(days=7))

    weeks = {week.start: week.entries for week in gather(user, 30).weeks}

    assert weeks[monday] == 2
    assert weeks[monday - datetime.timedelta(days=7)] == 1
    assert sum(weeks.values()) == 3


@pytest.mark.parametrize("days", ["30", "90", "365"])
def test_each_period_is_shown(auth_client, user, days):
    make_entry(user, entry_date=days_ago(user, 20), mood=3)

    html = auth_client.get("/insights/", {"days": days}).content.decode()

    assert f"the last {days} days" in html
    assert f'href="?days={days}" aria-current="page"' in html


@pytest.mark.parametrize("days", ["7000", "x", "-30", "30.5"])
def test_a_period_that_is_not_offered_gets_a_clear_message(auth_client, days):
    response = auth_client.get("/insights/", {"days": days})

    assert response.status_code == 400
    assert "Insights look back 30, 90 or 365 days" in response.content.decode()


def test_an_empty_journal_is_told_what_will_appear_and_why(auth_client):
    html = auth_client.get("/insights/").content.decode()

    assert "Your mood over time will show here once you have said how you are" in html
    assert "the ones you name most often will show here" in html
    assert "There is no right amount." in html
    assert "chart__dot" not in html and "chart__bar" not in html


def test_entries_outside_the_period_and_in_the_trash_are_left_out(user):
    make_entry(user, entry_date=days_ago(user, 40), mood=2)
    make_entry(user, entry_date=days_ago(user, 5), mood=4).move_to_trash()

    assert gather(user, 30).moods == []
    assert len(gather(user, 90).moods) == 1


def test_another_persons_days_never_show(auth_client, user, other_user):
    make_entry(other_user, entry_date=days_ago(other_user, 2), mood=5, feelings={"fear": 4})

    insights = gather(user, 30)

    assert insights.moods == [] and insights.feelings == [] and insights.entries == 0


def test_insights_cost_the_same_queries_for_10_or_500_entries(auth_client, user):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert auth_client.get("/insights/?days=365").status_code == 200
        return len(queries)

    def add(total: int) -> None:
        for n in range(total):
            make_entry(
                user, entry_date=days_ago(user, n % 300), mood=n % 5 + 1, feelings={"calm": 1}
            )

    count()  # the guide's chapters are read once, then kept (guide_cache)
    add(10)
    ten = count()
    add(490)

    assert count() == ten <= 10


@pytest.mark.parametrize("days", [30, 90, 365])
def test_the_charts_are_drawn_as_the_template_filters_would_draw_them(user, days):
    for n in range(0, days, 3):
        make_entry(user, entry_date=days_ago(user, n), mood=n % 5 + 1)
        make_entry(user, entry_date=days_ago(user, n), mood=(n * 7) % 5 + 1)
    CheckIn.objects.create(user=user, day=days_ago(user, 1), mood=2)
    insights = gather(user, days)

    dots = "".join(
        f'<circle class="chart__dot" cx="{floatformat(p.x, 1)}" cy="{floatformat(p.y, 1)}"'
        f' r="4"></circle>'
        for p in insights.moods
    )
    rows = "".join(
        f'<tr><th scope="row">{date(p.day, "D j F Y")}</th><td>{floatformat(p.mood, "-1")}'
        f" ({Mood(round(p.mood)).label.lower()})</td></tr>"
        for p in insights.moods
    )
    bars = "".join(
        f'<rect class="chart__bar" x="{floatformat(w.x, 1)}" y="{floatformat(w.y, 1)}"'
        f' width="{floatformat(insights.bar_width, 1)}" height="{floatformat(w.height, 1)}">'
        "</rect>"
        for w in insights.weeks
    )
    weeks = "".join(
        f'<tr><th scope="row">{date(w.start, "j F Y")}</th><td>{w.entries}</td></tr>'
        for w in insights.weeks
    )
    assert (mood_dots(insights.moods), mood_rows(insights.moods)) == (dots, rows)
    assert (week_bars(insights), week_rows(insights.weeks)) == (bars, weeks)


@pytest.mark.parametrize("value", [0, 0.05, 0.15, 2.25, 28.25, 3.04, 3.0, 4, 151.95, 1 / 3, 2 / 3])
def test_numbers_are_rounded_as_floatformat_rounds_them(value):
    assert one_place(value) == floatformat(value, 1)
    assert at_most_one_place(value) == floatformat(value, "-1")

"""When reminders come due, with a frozen clock: at the chosen time where the person
is, in two time zones, across both daylight-saving changes of 2026."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from reminders.models import Delivery, Frequency, Reminder, Weekday, local_moment
from reminders.tasks import send_due
from tests.accounts.factories import UserFactory
from tests.reminders.factories import moment, moments, nudge, revisit

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)

# zone, local day, local time, the moment it comes due (UTC)
DST_CASES = [
    ("Europe/London", "2026-03-28", "09:00", "2026-03-28 09:00"),  # GMT
    ("Europe/London", "2026-03-29", "09:00", "2026-03-29 08:00"),  # BST from 01:00 UTC
    ("Europe/London", "2026-03-29", "01:30", "2026-03-29 01:00"),  # skipped: 02:00 BST
    ("Europe/London", "2026-10-25", "01:30", "2026-10-25 00:30"),  # twice: the first
    ("Europe/London", "2026-10-25", "09:00", "2026-10-25 09:00"),  # GMT again
    ("America/New_York", "2026-03-07", "09:00", "2026-03-07 14:00"),  # EST
    ("America/New_York", "2026-03-08", "09:00", "2026-03-08 13:00"),  # EDT
    ("America/New_York", "2026-03-08", "02:30", "2026-03-08 07:00"),  # skipped: 03:00 EDT
    ("America/New_York", "2026-11-01", "01:30", "2026-11-01 05:30"),  # twice: the first
    ("America/New_York", "2026-11-01", "09:00", "2026-11-01 14:00"),  # EST again
]


@pytest.mark.parametrize(("zone", "day", "time", "expected"), DST_CASES)
def test_a_daily_reminder_comes_due_once_at_its_local_time(db, zone, day, time, expected):
    person = UserFactory(time_zone=zone)
    due = moment(expected)
    nudge(person, time, since=due - 2 * HOUR)

    assert send_due(due - MINUTE).sent == 0
    assert send_due(due).sent == 1
    assert send_due(due + HOUR).sent == 0  # a repeated hour does not send it again
    assert send_due(due + 2 * HOUR).sent == 0

    assert [message.to for message in mail.outbox] == [[person.email]]
    assert list(Delivery.objects.values_list("due_at", "outcome")) == [(due, "sent")]


@pytest.mark.parametrize(
    ("zone", "time", "expected"),
    [
        ("Europe/London", "01:30", "2026-10-25 00:30"),
        ("America/New_York", "01:30", "2026-11-01 05:30"),
        ("Europe/London", "01:30", "2026-03-29 01:00"),
        ("America/New_York", "02:30", "2026-03-08 07:00"),
    ],
)
def test_run_every_minute_through_a_clock_change_a_reminder_is_sent_once(db, zone, time, expected):
    person = UserFactory(time_zone=zone)
    start = moment(expected) - 2 * HOUR
    nudge(person, time, since=start)

    minutes = (start + n * MINUTE for n in range(4 * 60))
    sent_at = [now for now in minutes if send_due(now).sent]

    assert sent_at == [moment(expected)]
    assert len(mail.outbox) == 1


def test_the_same_local_time_comes_due_at_different_moments_in_two_time_zones(db):
    london = UserFactory(time_zone="Europe/London")
    new_york = UserFactory(time_zone="America/New_York")
    nudge(london, "09:00")
    nudge(new_york, "09:00")

    send_due(moment("2026-01-14 09:00"))
    assert [message.to for message in mail.outbox] == [[london.email]]

    send_due(moment("2026-01-14 14:00"))
    assert [message.to for message in mail.outbox] == [[london.email], [new_york.email]]


def test_a_skipped_local_time_becomes_the_next_minute_that_exists():
    new_york = ZoneInfo("America/New_York")
    day = datetime.date(2026, 3, 8)

    assert local_moment(day, datetime.time(2, 0), new_york) == moment("2026-03-08 07:00")
    assert local_moment(day, datetime.time(2, 59), new_york) == moment("2026-03-08 07:00")
    assert local_moment(day, datetime.time(3, 1), new_york) == moment("2026-03-08 07:01")
    assert local_moment(day, datetime.time(1, 59), new_york) == moment("2026-03-08 06:59")


def planned(weekday: int, frequency: str, starts_on: str) -> Reminder:
    return Reminder(
        kind="honesty",
        weekday=weekday,
        frequency=frequency,
        starts_on=datetime.date.fromisoformat(starts_on),
        at=datetime.time(19, 30),
    )


def days_of(reminder: Reminder, first: str, days: int) -> list[str]:
    start = datetime.date.fromisoformat(first)
    every_day = (start + datetime.timedelta(days=n) for n in range(days))
    return [day.isoformat() for day in every_day if reminder.falls_on(day)]


def test_planned_moments_fall_weekly_every_two_weeks_or_monthly():
    weekly = planned(Weekday.WEDNESDAY, Frequency.WEEKLY, "2026-12-02")
    fortnightly = planned(Weekday.WEDNESDAY, Frequency.FORTNIGHTLY, "2026-12-02")
    monthly = planned(Weekday.SUNDAY, Frequency.MONTHLY, "2026-12-02")

    assert days_of(weekly, "2026-11-25", 22) == ["2026-12-02", "2026-12-09", "2026-12-16"]
    assert days_of(fortnightly, "2026-12-01", 35) == ["2026-12-02", "2026-12-16", "2026-12-30"]
    assert days_of(monthly, "2026-12-01", 70) == ["2026-12-06", "2027-01-03", "2027-02-07"]


def test_a_planned_moment_comes_due_at_its_local_time_on_its_day(db):
    person = UserFactory(time_zone="America/New_York")
    reminder = moments(person, Weekday.WEDNESDAY, "19:30", Frequency.WEEKLY)
    Reminder.objects.filter(pk=reminder.pk).update(starts_on=datetime.date(2026, 3, 4))

    assert send_due(moment("2026-03-11 23:29")).sent == 0  # Wednesday 19:29 EDT
    assert send_due(moment("2026-03-11 23:30")).sent == 1
    assert send_due(moment("2026-03-12 23:30")).sent == 0  # Thursday
    assert mail.outbox[0].to == [person.email]


def test_a_revisit_comes_due_the_morning_of_its_day(db):
    person = UserFactory(time_zone="Europe/London")
    reminder = revisit(person, weeks=4)
    Reminder.objects.filter(pk=reminder.pk).update(on=datetime.date(2026, 7, 1))

    assert send_due(moment("2026-07-01 07:59")).sent == 0
    assert send_due(moment("2026-07-01 08:00")).sent == 1  # 09:00 BST
    assert send_due(moment("2026-07-08 08:00")).sent == 0

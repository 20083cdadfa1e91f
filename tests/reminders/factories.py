from __future__ import annotations

import datetime
from typing import Any

from healing.models import Exercise
from reminders.models import Frequency, Reminder, Weekday

# Long before any frozen clock in these tests: every due time after it counts.
LONG_AGO = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
MOMENTS = "rebuild-scheduled-honesty"


def at(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def moment(text: str) -> datetime.datetime:
    """A frozen clock: an ISO date and time, in UTC."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


def counting_from(reminder: Reminder, since: datetime.datetime) -> Reminder:
    """As if the reminder had been set at `since` (the real clock is later than the
    frozen ones)."""
    Reminder.objects.filter(pk=reminder.pk).update(since=since)
    reminder.refresh_from_db()
    return reminder


def nudge(user: Any, time: str = "09:00", since: datetime.datetime = LONG_AGO) -> Reminder:
    return counting_from(Reminder.objects.set_nudge(user, active=True, at=at(time)), since)


def moments(
    user: Any,
    weekday: int = Weekday.WEDNESDAY,
    time: str = "19:30",
    frequency: str = Frequency.WEEKLY,
    since: datetime.datetime = LONG_AGO,
    active: bool = True,
) -> Reminder:
    planner = Exercise.objects.get(key=MOMENTS)
    reminder = Reminder.objects.set_moments(user, planner, active, weekday, at(time), frequency)
    return counting_from(reminder, since)


def revisit(
    user: Any, key: str = "roots-silent-question", weeks: int = 4, **since: Any
) -> Reminder:
    reminder = Reminder.objects.revisit(user, Exercise.objects.get(key=key), weeks)
    return counting_from(reminder, since.get("since", LONG_AGO))

"""Reminders' part of a person's export, import and account deletion: their settings,
their reminders and the record of what was sent."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from accounts import portability
from healing.models import Exercise
from reminders.models import Delivery, Frequency, Kind, Outcome, Reminder, Weekday

if TYPE_CHECKING:
    from accounts.models import User

# The kinds that belong to no exercise: one of each per person.
WITHOUT_EXERCISE = {Kind.NUDGE, Kind.LETTER}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export(user: User) -> dict[str, Any]:
    reminders = user.reminders.select_related("exercise").order_by("created_at", "pk")
    return {
        "reminders": [
            {
                "code": str(r.code),
                "kind": r.kind,
                "exercise": r.exercise.key if r.exercise else None,
                "active": r.active,
                "at": r.at.strftime("%H:%M") if r.at else None,
                "weekday": r.weekday,
                "frequency": r.frequency,
                "starts_on": _iso(r.starts_on),
                "on": _iso(r.on),
                "created_at": r.created_at.isoformat(),
            }
            for r in reminders
        ],
        "sent": [
            {
                "kind": d.kind,
                "due_at": d.due_at.isoformat(),
                "outcome": d.outcome,
                "recorded_at": d.recorded_at.isoformat(),
            }
            for d in user.reminder_deliveries.order_by("due_at", "pk")
        ],
    }


def _date(value: Any) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _moment(value: Any) -> datetime.datetime:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise ValueError(f"{value!r} is not a date and time")
    return moment


def _checked(item: dict[str, Any], exercises: dict[str, Exercise]) -> dict[str, Any]:
    """The reminder's fields, each as the settings page would take it."""
    kind = Kind(item["kind"])
    exercise = exercises.get(item["exercise"]) if item.get("exercise") else None
    if (kind in WITHOUT_EXERCISE) != (exercise is None):
        raise ValueError(f"a {kind} reminder with exercise {item.get('exercise')!r}")
    weekday = item.get("weekday")
    if weekday is not None and weekday not in Weekday.values:
        raise ValueError(f"{weekday!r} is not a weekday from 0 to 6")
    frequency = item.get("frequency") or ""
    if frequency and frequency not in Frequency.values:
        raise ValueError(f"{frequency!r} is not a frequency")
    if not isinstance(item.get("active"), bool):
        raise ValueError("a reminder is neither on nor off")
    at = item.get("at")
    return {
        "kind": kind,
        "exercise": exercise,
        "active": item["active"],
        "at": None if at is None else datetime.time.fromisoformat(at),
        "weekday": weekday,
        "frequency": frequency,
        "starts_on": _date(item.get("starts_on")),
        "on": _date(item.get("on")),
        "created_at": _moment(item["created_at"]),
    }


def restore(user: User, data: dict[str, Any]) -> dict[str, int]:
    """A reminder this account already has (its nudge, or one for that exercise) is kept
    as it is. Restored reminders count from now: nothing missed meanwhile is sent."""
    exercises = {exercise.key: exercise for exercise in Exercise.objects.all()}
    counts = {"reminders": 0, "records_of_reminders_sent": 0}
    for item in data.get("reminders", []):
        if item.get("exercise") and item["exercise"] not in exercises:
            continue  # an exercise this site does not have
        fields = _checked(item, exercises)
        if user.reminders.filter(kind=fields["kind"], exercise=fields["exercise"]).exists():
            continue
        code = portability.own_code(user, Reminder, item["code"])
        Reminder.objects.create(user=user, code=code, since=timezone.now(), **fields)
        counts["reminders"] += 1
    for item in data.get("sent", []):
        _, created = Delivery.objects.get_or_create(
            user=user,
            kind=Kind(item["kind"]),
            due_at=_moment(item["due_at"]),
            defaults={
                "outcome": Outcome(item["outcome"]),
                "recorded_at": _moment(item["recorded_at"]),
            },
        )
        counts["records_of_reminders_sent"] += created
    return counts


def markdown(user: User) -> dict[str, str]:
    reminders = list(user.reminders.select_related("exercise"))
    deliveries = list(user.reminder_deliveries.order_by("due_at"))
    if not reminders and not deliveries:
        return {}
    lines = ["# My reminders", ""]
    for r in sorted(reminders, key=lambda r: (r.kind, r.created_at)):
        lines.append(f"- {_describe(r)} Emails: {'on' if r.active else 'off'}.")
    lines += ["", "## Reminders sent", "", f"Times in UTC. Your time zone: {user.time_zone}.", ""]
    lines += [
        f"- {d.due_at:%Y-%m-%d %H:%M}: {d.get_kind_display()}, {d.get_outcome_display().lower()}"
        for d in deliveries
    ]
    return {"reminders.md": "\n".join(lines) + "\n"}


def _describe(r: Reminder) -> str:
    at = r.at.strftime("%H:%M") if r.at else "no time chosen"
    if r.kind == Kind.NUDGE:
        return f"Daily reminder to write, at {at}."
    if r.kind == Kind.LETTER:
        return "An email on the morning a letter to my future self arrives."
    if r.kind == Kind.HONESTY:
        day = Weekday(r.weekday).label if r.weekday is not None else "no day chosen"
        often = Frequency(r.frequency).label.lower() if r.frequency else ""
        return f"{r.exercise.title}: {day} at {at}, {often}."
    return f"Come back to “{r.exercise.title}” on {date_format(r.on, 'j F Y')}."


def register() -> None:
    portability.register(
        portability.Part(
            name="reminders",
            models={"reminders.Reminder": "user", "reminders.Delivery": "user"},
            export=export,
            restore=restore,
            markdown=markdown,
        )
    )

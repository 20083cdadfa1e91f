"""Reminders a person asked for, and the record of each one sent.

Every reminder is off until the person turns it on. Its schedule (a local time, a
weekday, how often) is stored in clear: it is needed to know when to send, and it
says nothing of what the person wrote. The record of what was sent has one row per
person, kind and due time, written before the email goes: a second one cannot be
written, so a reminder is never sent twice, however the job runs.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from healing.models import Exercise

if TYPE_CHECKING:
    from accounts.models import User

# When a revisit comes due: the morning of its day, where the person is.
REVISIT_AT = datetime.time(9, 0)
REVISIT_WEEKS = (1, 2, 4, 8, 12)
# How far ahead Today looks for planned moments (a monthly one always falls within it).
UPCOMING_DAYS = 62


class Kind(models.TextChoices):
    NUDGE = "nudge", "Daily reminder to write"
    HONESTY = "honesty", "Moments of honesty"
    REVISIT = "revisit", "Coming back to an answer"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Once a month, on the first of those days"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def local_moment(
    day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """`at` on `day` where the person is, as a moment in UTC. A time the clocks skip
    (spring forward) becomes the next minute that exists; a time they pass twice
    (fall back) is the first of the two, so it comes due once."""
    wanted = datetime.datetime.combine(day, at.replace(second=0, microsecond=0))
    for minutes in range(24 * 60):
        wall = wanted + datetime.timedelta(minutes=minutes)
        moment = wall.replace(tzinfo=zone, fold=0).astimezone(datetime.UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == wall:
            return moment
    raise ValueError(f"{zone} has no {at} on {day}")  # no zone skips a whole day's minutes


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def sending(self) -> ReminderQuerySet:
        """The reminders whose emails are on, of people whose accounts are."""
        return self.filter(active=True, user__is_active=True).select_related(
            "user", "exercise__chapter"
        )

    def stop(self, user: User, kind: str) -> int:
        """No more emails of this kind (the one-click unsubscribe). Schedules stay, so
        they can be turned on again in settings."""
        return self.filter(user=user, kind=kind, active=True).update(
            active=False, since=timezone.now()
        )

    def set_nudge(self, user: User, active: bool, at: datetime.time | None) -> Reminder:
        return self._set(user, Kind.NUDGE, None, active=active, at=at)

    def set_moments(
        self,
        user: User,
        exercise: Exercise,
        active: bool,
        weekday: int | None,
        at: datetime.time | None,
        frequency: str,
    ) -> Reminder | None:
        """Plan the moments of `exercise` (a worksheet that plans them); no weekday
        clears the plan."""
        if weekday is None:
            self.filter(user=user, kind=Kind.HONESTY, exercise=exercise).delete()
            return None
        starts_on = user.today() + datetime.timedelta(days=(weekday - user.today().weekday()) % 7)
        fields = {"active": active, "weekday": weekday, "at": at, "frequency": frequency}
        current = self.filter(user=user, kind=Kind.HONESTY, exercise=exercise).first()
        if current is None or current.weekday != weekday or current.frequency != frequency:
            fields["starts_on"] = starts_on  # every two weeks counts from the first one
        return self._set(user, Kind.HONESTY, exercise, **fields)

    def revisit(self, user: User, exercise: Exercise, weeks: int) -> Reminder:
        on = user.today() + datetime.timedelta(weeks=weeks)
        return self._set(user, Kind.REVISIT, exercise, active=True, on=on, at=REVISIT_AT)

    def _set(self, user: User, kind: str, exercise: Exercise | None, **fields: object) -> Reminder:
        """Create or change the person's reminder of this kind (for this exercise). Due
        times from before a change never count, so turning a reminder on at 10:00 for
        9:00 does not send today's at once."""
        with transaction.atomic():
            reminder, _ = self.select_for_update().get_or_create(
                user=user, kind=kind, exercise=exercise, defaults=fields
            )
            changed = [name for name, value in fields.items() if getattr(reminder, name) != value]
            if changed:
                for name in changed:
                    setattr(reminder, name, fields[name])
                reminder.since = timezone.now()
                reminder.save(update_fields=[*changed, "since"])
        return reminder

    def upcoming_moments(self, user: User, count: int = 2) -> list[datetime.datetime]:
        """The next planned moments of honesty, in the person's time zone."""
        now = timezone.now()
        end = now + datetime.timedelta(days=UPCOMING_DAYS)
        zone = user.zone()
        moments = []
        for reminder in self.filter(user=user, kind=Kind.HONESTY):
            moments += [moment.astimezone(zone) for moment in reminder.due_between(now, end, zone)]
        return sorted(moments)[:count]


class Reminder(models.Model):
    """One reminder: the daily nudge, the planned moments of a worksheet, or coming
    back to an exercise's answer on a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Emails on. Off by default; a planned moment still shows on Today when off.
    active = models.BooleanField(default=False)
    at = models.TimeField(null=True, blank=True)  # local time, in the person's time zone
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, blank=True)
    starts_on = models.DateField(null=True, blank=True)  # the first planned moment's day
    on = models.DateField(null=True, blank=True)  # a revisit's day
    # Due times up to this moment are never sent: it moves whenever the reminder changes.
    since = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(exercise=None),
                name="reminders_one_of_each_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "exercise"], name="reminders_one_per_exercise"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.code})"

    def falls_on(self, day: datetime.date) -> bool:
        if self.kind == Kind.NUDGE:
            return True
        if self.kind == Kind.REVISIT:
            return day == self.on
        if day.weekday() != self.weekday or (self.starts_on and day < self.starts_on):
            return False
        if self.frequency == Frequency.FORTNIGHTLY:
            return (day - self.starts_on).days % 14 == 0 if self.starts_on else True
        if self.frequency == Frequency.MONTHLY:
            return day.day <= 7
        return True

    def due_between(
        self, start: datetime.datetime, end: datetime.datetime, zone: zoneinfo.ZoneInfo
    ) -> Iterator[datetime.datetime]:
        """Its due times after `start`, up to and including `end`, in UTC."""
        if self.at is None:
            return
        day = start.astimezone(zone).date() - datetime.timedelta(days=1)
        last = end.astimezone(zone).date() + datetime.timedelta(days=1)
        while day <= last:
            if self.falls_on(day):
                moment = local_moment(day, self.at, zone)
                if start < moment <= end:
                    yield moment
            day += datetime.timedelta(days=1)

    def link(self) -> str:
        """Where its email leads: the journal for the nudge, else its exercise."""
        if self.exercise is None:
            return settings.SITE_URL + reverse("journal:entry-new")
        return settings.SITE_URL + self.exercise.get_absolute_url()


class Outcome(models.TextChoices):
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Not sent: missed by more than 12 hours"
    FAILED = "failed", "Not sent: the email could not be handed over"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def record(self, user: User, kind: str, due_at: datetime.datetime, outcome: str) -> bool:
        """Write the row for this due time unless one exists: True if this call wrote it,
        and so may send. Two runs at once cannot both write it (the unique constraint;
        on PostgreSQL the second insert waits for the first, then fails)."""
        try:
            with transaction.atomic():
                self.create(user=user, kind=kind, due_at=due_at, outcome=outcome)
        except IntegrityError:
            return False
        return True


class Delivery(models.Model):
    """What happened to one due reminder: sent, or skipped. Never what it said."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "due_at"], name="reminders_sent_once"),
        ]
        indexes = [models.Index(fields=["due_at"], name="reminders_delivery_due")]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_at:%Y-%m-%d %H:%M} ({self.outcome})"

"""The every-minute job: each due time is sent once, however often and however many
runs there are; a missed one catches up within 12 hours and is dropped after."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone

from reminders.models import Delivery, Reminder
from reminders.tasks import send_due, send_due_reminders
from tests.accounts.factories import UserFactory
from tests.reminders.factories import at, moment, nudge, revisit

NINE = moment("2026-06-10 09:00")  # a person in UTC: 09:00 is 09:00
SET = moment("2026-06-10 06:00")  # when the reminders were set, that morning


def morning_nudge(person, time: str = "09:00") -> Reminder:
    return nudge(person, time, since=SET)


def test_running_the_job_twice_sends_one_email(user):
    morning_nudge(user)

    first, second = send_due(NINE), send_due(NINE)

    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().outcome == "sent"


def test_the_scheduled_task_sends_what_is_due_now_once(user):
    now = timezone.now()
    reminder = nudge(user, (now - datetime.timedelta(minutes=5)).strftime("%H:%M"))
    Reminder.objects.filter(pk=reminder.pk).update(since=now - datetime.timedelta(days=1))

    first, second = send_due_reminders.enqueue(), send_due_reminders.enqueue()

    assert first.return_value == {"sent": 1, "skipped": 0, "failed": 0}
    assert second.return_value == {"sent": 0, "skipped": 0, "failed": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_on_postgresql_send_each_email_once(user, other_user):
    if connection.vendor != "postgresql":
        pytest.skip("Two runs at once need separate connections to a server: PostgreSQL.")
    people = [user, other_user, UserFactory()]
    for person in people:
        morning_nudge(person)
    start = threading.Barrier(4)
    results = []

    def run() -> None:
        try:
            start.wait()
            results.append(send_due(NINE))
        finally:
            connection.close()

    runs = [threading.Thread(target=run) for _ in range(4)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()

    assert sum(result.sent for result in results) == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert Delivery.objects.count() == 3


def test_a_missed_hour_catches_up_once(user):
    morning_nudge(user)

    assert send_due(moment("2026-06-10 10:00")).sent == 1  # the workers were down at 9
    assert send_due(moment("2026-06-10 10:01")).sent == 0

    assert len(mail.outbox) == 1
    assert Delivery.objects.get().due_at == NINE


def test_a_reminder_missed_by_more_than_12_hours_is_dropped_and_recorded_as_skipped(user):
    morning_nudge(user)

    late = send_due(moment("2026-06-10 21:01"))
    again = send_due(moment("2026-06-10 21:02"))

    assert (late.sent, late.skipped, again.skipped) == (0, 1, 0)
    assert mail.outbox == []
    assert list(Delivery.objects.values_list("due_at", "outcome")) == [(NINE, "skipped")]


def test_a_reminder_missed_by_just_under_12_hours_is_still_sent(user):
    morning_nudge(user)

    assert send_due(moment("2026-06-10 20:59")).sent == 1


def test_a_reminder_set_after_its_time_today_waits_for_tomorrow(user):
    nudge(user, "09:00", since=moment("2026-06-10 09:30"))

    assert send_due(moment("2026-06-10 10:00")).sent == 0
    assert send_due(moment("2026-06-11 09:00")).sent == 1


def test_nothing_is_sent_for_a_reminder_turned_off_or_a_closed_account(user, other_user):
    reminder = morning_nudge(user)
    Reminder.objects.set_nudge(user, active=False, at=at("09:00"))
    morning_nudge(other_user)
    other_user.is_active = False
    other_user.save()

    assert send_due(NINE).sent == 0
    assert Reminder.objects.get(pk=reminder.pk).active is False


def test_answers_due_together_come_in_one_email_that_leads_to_all_of_them(user):
    revisit(user, "roots-silent-question", since=SET)
    revisit(user, "rebuild-space-for-forgiveness", since=SET)
    Reminder.objects.update(on=datetime.date(2026, 6, 10))

    assert send_due(NINE).sent == 1

    assert "/reflections/" in mail.outbox[0].body


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_an_email_that_cannot_be_handed_over_is_recorded_and_not_retried(user, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    morning_nudge(user)

    assert send_due(NINE).failed == 1
    assert send_due(NINE + datetime.timedelta(minutes=1)).failed == 0

    assert Delivery.objects.get().outcome == "failed"

"""What a reminder email says: that it is a reminder, and a link back. Never anything
the person wrote, never the site's address in the subject; discreet mode's sender and
subject; a one-click unsubscribe link and its headers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from healing.models import Exercise, Response
from reminders.models import Reminder
from reminders.tasks import send_due, send_due_reminders
from tests.database import raw_dump
from tests.journal.factories import make_entry
from tests.reminders.factories import MOMENTS, moment, moments, nudge, revisit

CANARY = "Canary-7f3e-Lighthouse"
WEDNESDAY_EVENING = moment("2026-06-10 19:30")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def all_three(user):
    """A nudge, a planned moment and a revisit, all due at 19:30 on Wednesday 10 June."""
    since = moment("2026-06-10 18:00")
    nudge(user, "19:30", since=since)
    moments(user, time="19:30", since=since)
    revisit(user, "roots-silent-question", since=since)
    Reminder.objects.filter(kind="revisit").update(on="2026-06-10", at="19:30")
    Reminder.objects.filter(kind="honesty").update(starts_on="2026-06-03")
    return user


def test_each_kind_of_reminder_says_only_that_it_is_one_and_links_back(all_three, settings):
    assert send_due(WEDNESDAY_EVENING).sent == 3

    bodies = {m.subject: m.body for m in mail.outbox}
    assert set(bodies) == {
        "A reminder to write, if you would like to",
        "A reminder for the time you set aside",
        "A reminder to come back to an answer",
    }
    links = {subject: re.findall(r"https?://\S+", body) for subject, body in bodies.items()}
    site = settings.SITE_URL
    assert f"{site}/journal/new/" in links["A reminder to write, if you would like to"]
    assert (
        f"{site}/guide/rebuilding-trust/#exercise-{MOMENTS}"
        in links["A reminder for the time you set aside"]
    )
    assert (
        f"{site}/guide/roots-of-trust-issues/#exercise-roots-silent-question"
        in links["A reminder to come back to an answer"]
    )


def test_no_subject_names_the_site_or_its_address(all_three, settings):
    send_due(WEDNESDAY_EVENING)

    host = urlsplit(settings.SITE_URL).hostname
    for message in mail.outbox:
        assert host not in message.subject
        assert "healing" not in message.subject.lower()
        assert "hearts" not in message.subject.lower()


def test_in_discreet_mode_reminders_come_from_notes_with_a_neutral_subject(all_three):
    all_three.discreet_mode = True
    all_three.save()

    send_due(WEDNESDAY_EVENING)

    assert {m.subject for m in mail.outbox} == {"A reminder"}
    assert all(m.from_email.startswith("Notes <") for m in mail.outbox)


def test_every_reminder_carries_a_one_click_unsubscribe_link_and_its_headers(all_three):
    send_due(WEDNESDAY_EVENING)

    for message in mail.outbox:
        [link] = re.findall(r"\S+/reminders/unsubscribe/\S+/", message.body)
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link.startswith("http")
    assert len({m.extra_headers["List-Unsubscribe"] for m in mail.outbox}) == 3


def test_a_canary_in_an_entry_and_an_answer_is_in_no_email_and_no_task_table(all_three, settings):
    make_entry(all_three, f"{CANARY} in my journal.", title=f"{CANARY} title")
    Response.objects.create(
        user=all_three,
        exercise=Exercise.objects.get(key=MOMENTS),
        version=1,
        answered_on="2026-06-01",
        answer={"fields": {"with-whom": CANARY, "when": f"Wednesdays {CANARY}"}},
    )
    Response.objects.create(
        user=all_three,
        exercise=Exercise.objects.get(key="roots-silent-question"),
        version=1,
        answered_on="2026-06-01",
        answer={"prompts": {"open-again": CANARY}},
    )
    settings.TASKS = DATABASE_QUEUE
    send_due_reminders.enqueue()  # queued in the database, as the scheduler queues it

    send_due(WEDNESDAY_EVENING)

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        whole = message.message().as_string()
        assert CANARY not in whole
        assert "Wednesdays" not in whole
    assert DBTaskResult.objects.exists()
    assert CANARY not in raw_dump()

"""On the morning a letter to one's future self arrives, a person who asked hears of it
by one neutral email: never what it says, never twice, never for a letter already
opened or one that arrived before they asked."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.test import Client

from letters.models import Letter
from reminders.models import Kind, Reminder
from reminders.tasks import send_due
from tests.letters.factories import make_letter
from tests.reminders.factories import LONG_AGO, counting_from, moment

CANARY = "canary-letter-lighthouse-5521"
DAY = datetime.date(2026, 6, 10)
# Europe/London is UTC+1 in June: its 09:00 is 08:00 UTC.
BEFORE_MORNING = moment("2026-06-10 07:59")
MORNING = moment("2026-06-10 08:00")


def wants_letter_emails(user, since: datetime.datetime = LONG_AGO) -> Reminder:
    user.time_zone = "Europe/London"
    user.save()
    return counting_from(Reminder.objects.set_letters(user, active=True), since)


def arriving(user, day: datetime.date = DAY, **fields) -> Letter:
    return make_letter(user, f"Dear me, {CANARY}", arrives_on=day, **fields)


def test_the_email_comes_once_on_the_morning_of_its_day_and_says_nothing_of_it(user):
    wants_letter_emails(user)
    letter = arriving(user)

    assert send_due(BEFORE_MORNING).sent == 0
    assert send_due(MORNING).sent == 1
    assert send_due(MORNING + datetime.timedelta(minutes=1)).sent == 0

    [email] = mail.outbox
    assert "letter" in email.subject and "letter" in email.body
    assert CANARY not in email.message().as_string()
    assert "/letters/" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    letter.refresh_from_db()
    assert letter.announced_at == MORNING and letter.opened_at is None


def test_letters_arriving_on_one_day_share_one_email(user):
    wants_letter_emails(user)
    arriving(user)
    arriving(user)

    assert send_due(MORNING).sent == 1
    assert Letter.objects.filter(announced_at__isnull=True).count() == 0


def test_nobody_who_did_not_ask_is_emailed_and_the_letter_still_waits_on_today(user):
    arriving(user)

    assert send_due(MORNING).sent == 0
    assert Letter.objects.get().announced_at is None


def test_a_letter_opened_early_or_arrived_before_asking_brings_no_email(user):
    wants_letter_emails(user, since=MORNING + datetime.timedelta(days=1))
    arriving(user)  # arrived that morning; the person asked the day after
    arriving(user, opened_at=BEFORE_MORNING - datetime.timedelta(days=3))

    assert send_due(MORNING + datetime.timedelta(days=2)).sent == 0
    assert mail.outbox == []


def test_discreet_mode_keeps_the_email_neutral(user):
    wants_letter_emails(user)
    user.discreet_mode = True
    user.save()
    arriving(user)

    send_due(MORNING)

    assert mail.outbox[0].subject == "A reminder"
    assert mail.outbox[0].from_email.startswith("Notes")


def test_its_unsubscribe_link_stops_letter_emails_only(user):
    wants_letter_emails(user)
    arriving(user)
    send_due(MORNING)
    [link] = re.findall(r"/reminders/unsubscribe/\S+/", mail.outbox[0].body)

    assert Client().post(link).status_code == 200

    assert not Reminder.objects.get(user=user, kind=Kind.LETTER).active


def test_the_letter_email_is_chosen_in_reminder_settings(auth_client, user):
    page = auth_client.get("/settings/reminders/").content.decode()
    assert 'name="letters-active"' in page

    auth_client.post("/settings/reminders/", {"nudge-at": "", "letters-active": "on"})

    assert Reminder.objects.get(user=user, kind=Kind.LETTER).active

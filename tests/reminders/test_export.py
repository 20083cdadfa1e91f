"""Reminders in the export (JSON and readable), the import (idempotent, checked) and
account deletion."""

from __future__ import annotations

import datetime

import pytest

from accounts import portability
from reminders.models import Delivery, Reminder
from reminders.tasks import send_due
from tests.reminders.factories import moment, moments, nudge, revisit


@pytest.fixture
def set_up(user):
    nudge(user, "09:00", since=moment("2026-06-10 06:00"))
    moments(user)
    revisit(user)
    send_due(moment("2026-06-10 09:00"))
    return user


def test_the_export_holds_the_reminders_and_what_was_sent(set_up):
    data = portability.export_data(set_up)["reminders"]

    assert {item["kind"] for item in data["reminders"]} == {"nudge", "honesty", "revisit"}
    nudge_item = next(item for item in data["reminders"] if item["kind"] == "nudge")
    assert (nudge_item["active"], nudge_item["at"]) == (True, "09:00")
    assert data["sent"] == [
        {
            "kind": "nudge",
            "due_at": "2026-06-10T09:00:00+00:00",
            "outcome": "sent",
            "recorded_at": data["sent"][0]["recorded_at"],
        }
    ]


def test_the_readable_export_describes_them(set_up):
    [text] = portability.PARTS["reminders"].markdown(set_up).values()

    assert "Daily reminder to write, at 09:00. Emails: on." in text
    assert "Scheduled moments of honesty: Wednesday at 19:30, every week." in text
    assert "2026-06-10 09:00: Daily reminder to write, sent" in text


def test_an_import_restores_them_once_into_another_account(set_up, other_user):
    data = portability.export_data(set_up)

    first = portability.import_data(other_user, data)["reminders"]
    second = portability.import_data(other_user, data)["reminders"]

    assert first == {"reminders": 3, "records_of_reminders_sent": 1}
    assert second == {"reminders": 0, "records_of_reminders_sent": 0}
    restored = portability.export_data(other_user)["reminders"]
    mine = portability.export_data(set_up)["reminders"]
    assert [{**r, "code": None} for r in restored["reminders"]] == [
        {**r, "code": None} for r in mine["reminders"]
    ]
    assert restored["sent"] == mine["sent"]


def test_a_restored_reminder_does_not_send_what_was_missed_meanwhile(set_up, other_user):
    portability.import_data(other_user, portability.export_data(set_up))

    assert Reminder.objects.filter(user=other_user).earliest("since").since > moment(
        "2026-12-01 00:00"
    )


def test_a_reminder_set_here_is_kept_over_the_imported_one(set_up, other_user):
    nudge(other_user, "21:00")

    portability.import_data(other_user, portability.export_data(set_up))

    assert Reminder.objects.get(user=other_user, kind="nudge").at == datetime.time(21, 0)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "everything"), ("weekday", 9), ("frequency", "hourly"), ("at", "25:00")],
)
def test_a_damaged_reminder_is_refused_and_nothing_is_restored(set_up, other_user, field, value):
    data = portability.export_data(set_up)
    for item in data["reminders"]["reminders"]:
        item[field] = value

    with pytest.raises(portability.UnreadableExport, match="reminders"):
        portability.import_data(other_user, data)

    assert not Reminder.objects.filter(user=other_user).exists()


def test_deleting_the_account_deletes_its_reminders_and_their_record(set_up):
    set_up.delete_account()

    assert not Reminder.objects.exists()
    assert not Delivery.objects.exists()


def test_the_letters_email_is_described_and_restored(set_up, other_user):
    """The 'a letter has arrived' email is a reminder without an exercise, like the nudge."""
    Reminder.objects.set_letters(set_up, True)

    [text] = portability.PARTS["reminders"].markdown(set_up).values()
    restored = portability.import_data(other_user, portability.export_data(set_up))["reminders"]

    assert "An email on the morning a letter to my future self arrives. Emails: on." in text
    assert restored["reminders"] == 4
    assert Reminder.objects.get(user=other_user, kind="letter").active


def test_a_letters_email_tied_to_an_exercise_is_refused(set_up, other_user):
    Reminder.objects.set_letters(set_up, True)
    data = portability.export_data(set_up)
    letters = next(item for item in data["reminders"]["reminders"] if item["kind"] == "letter")
    letters["exercise"] = Reminder.objects.get(user=set_up, kind="revisit").exercise.key

    with pytest.raises(portability.UnreadableExport, match="reminders"):
        portability.import_data(other_user, data)

"""Deleting moves an entry to the trash; it can be restored for 30 days, then is purged."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from journal.models import Entry
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db


def test_deleting_moves_the_entry_to_the_trash(auth_client, user):
    entry = make_entry(user, title="To the trash")

    response = auth_client.post(f"/journal/{entry.code}/delete/")

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.in_trash
    assert "To the trash" in auth_client.get("/journal/trash/").content.decode()


def test_a_trashed_entry_can_be_restored(auth_client, user):
    entry = make_entry(user)
    entry.move_to_trash()

    response = auth_client.post(f"/journal/{entry.code}/restore/")

    assert response["Location"] == f"/journal/{entry.code}/"
    entry.refresh_from_db()
    assert not entry.in_trash


def test_deleting_for_ever_asks_first_then_removes_the_entry_and_its_history(auth_client, user):
    entry = make_entry(user)
    entry.move_to_trash()

    question = auth_client.get(f"/journal/{entry.code}/delete-forever/").content.decode()
    response = auth_client.post(f"/journal/{entry.code}/delete-forever/")

    assert "cannot be brought back" in question
    assert response["Location"] == "/journal/trash/"
    assert not Entry.objects.exists()


def test_only_an_entry_in_the_trash_can_be_deleted_for_ever(auth_client, user):
    entry = make_entry(user)

    assert auth_client.post(f"/journal/{entry.code}/delete-forever/").status_code == 404
    assert Entry.objects.exists()


def test_the_purge_removes_only_what_waited_over_thirty_days_and_can_run_again(user):
    old = make_entry(user, title="Old")
    recent = make_entry(user, title="Recent")
    kept = make_entry(user, title="Kept")
    now = timezone.now()
    Entry.objects.filter(pk=old.pk).update(trashed_at=now - datetime.timedelta(days=31))
    Entry.objects.filter(pk=recent.pk).update(trashed_at=now - datetime.timedelta(days=29))

    call_command("purge_trash")
    call_command("purge_trash")

    assert set(Entry.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}


def test_the_entry_page_says_when_a_trashed_entry_will_go(auth_client, user):
    entry = make_entry(user)
    entry.move_to_trash()

    html = auth_client.get(f"/journal/{entry.code}/").content.decode()

    assert "It will be deleted for ever on" in html
    assert "Restore it" in html

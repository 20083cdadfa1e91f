"""Revisions: saves coalesce, every earlier state can be seen, compared and restored."""

from __future__ import annotations

import pytest

from healing.writing import KEEP_SNAPSHOTS as KEEP_REVISIONS
from journal.models import REVISION_WINDOW, Content, Entry, Revision
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

PAGE = "factory-editor"  # the page that wrote the entry in make_entry


def write(entry: Entry, body: str, editor: str = PAGE) -> Entry:
    entry = Entry.objects.get(pk=entry.pk)
    entry.apply(Content(body=body, entry_date=entry.entry_date), editor)
    return entry


def later(entry: Entry) -> None:
    """As if the last run of saves ended longer ago than the revision window."""
    Entry.objects.filter(pk=entry.pk).update(
        period_started_at=entry.period_started_at - REVISION_WINDOW * 2
    )


def bodies(entry: Entry) -> list[str]:
    return [revision.content().body for revision in entry.revisions.all()]


def test_saves_from_one_page_within_minutes_make_no_revision_but_move_the_counter(user):
    entry = make_entry(user, body="One")

    entry = write(write(write(entry, "One two"), "One two three"), "One two three four")

    assert bodies(entry) == []
    assert entry.save_count == 4


def test_coming_back_later_keeps_what_the_entry_said_before(user):
    entry = make_entry(user, body="Morning words")
    later(entry)

    entry = write(entry, "Evening words")

    assert bodies(entry) == ["Morning words"]


def test_another_page_writing_keeps_what_the_first_page_wrote(user):
    entry = make_entry(user, body="From the phone")

    entry = write(entry, "From the laptop", editor="laptop-page-01")

    assert bodies(entry) == ["From the phone"]


def test_at_least_fifty_revisions_are_kept(user):
    entry = make_entry(user, body="0")
    for n in range(1, KEEP_REVISIONS + 6):
        entry = write(entry, str(n), editor=f"page-{n:010d}")

    kept = bodies(entry)
    assert len(kept) == KEEP_REVISIONS >= 50
    assert kept[0] == str(KEEP_REVISIONS + 4)  # newest first


def test_the_history_lists_each_revision_and_links_to_it(auth_client, user):
    entry = write(make_entry(user, body="Before"), "After", editor="other-page-01")
    revision = entry.revisions.get()

    html = auth_client.get(f"/journal/{entry.code}/history/").content.decode()

    assert "Earlier version" in html
    assert f"/journal/{entry.code}/history/{revision.code}/" in html


def test_a_revision_is_shown_compared_with_now(auth_client, user):
    entry = write(make_entry(user, body="I was angry"), "I was hurt", editor="other-page-01")
    revision = entry.revisions.get()

    html = auth_client.get(f"/journal/{entry.code}/history/{revision.code}/").content.decode()

    assert "I was <del>" in html or "<del>" in html
    assert "angry" in html and "hurt" in html
    assert "Go back to this version" in html


def test_going_back_to_a_revision_keeps_what_it_replaces(auth_client, user):
    entry = write(make_entry(user, body="First"), "Second", editor="other-page-01")
    revision = entry.revisions.get()

    response = auth_client.post(f"/journal/{entry.code}/history/{revision.code}/restore/")

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "First"
    assert sorted(bodies(entry)) == ["First", "Second"]
    kinds = {r.content().body: r.kind for r in entry.revisions.all()}
    assert kinds["Second"] == Revision.Kind.BEFORE_RESTORE


def test_going_back_moves_the_counter_so_an_open_editor_sees_a_conflict(auth_client, user):
    entry = write(make_entry(user, body="First"), "Second", editor="other-page-01")
    count = Entry.objects.get(pk=entry.pk).save_count
    auth_client.post(f"/journal/{entry.code}/history/{entry.revisions.get().code}/restore/")

    response = auth_client.post(
        f"/journal/{entry.code}/edit/",
        {"body": "Old tab", "base": str(count), "editor": "other-page-01", "autosave": "1"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 409


def test_restoring_needs_a_post(auth_client, user):
    entry = write(make_entry(user, body="First"), "Second", editor="other-page-01")

    url = f"/journal/{entry.code}/history/{entry.revisions.get().code}/restore/"

    assert auth_client.get(url).status_code == 405
    assert Entry.objects.get(pk=entry.pk).body == "Second"

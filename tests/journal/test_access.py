"""Nobody but the owner reaches an entry: every journal URL answers 404 to another
person (the same as for an entry that does not exist), and changes nothing."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from journal.models import Content, Entry, Revision
from tests.access import cross_person_case
from tests.database import raw_dump
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def mine(user):
    entry = make_entry(user, title="Mine only", body="My private words")
    entry.apply(Content(title="Mine only", body="Changed"), "other-page-01")  # one revision
    return entry


def urls(entry: Entry, revision: Revision) -> list[str]:
    code, rev = entry.code, revision.code
    return [
        reverse("journal:entry-detail", args=[code]),
        reverse("journal:entry-edit", args=[code]),
        reverse("journal:entry-history", args=[code]),
        reverse("journal:revision-detail", args=[code, rev]),
        reverse("journal:revision-restore", args=[code, rev]),
        reverse("journal:entry-trash", args=[code]),
        reverse("journal:entry-untrash", args=[code]),
        reverse("journal:entry-delete-forever", args=[code]),
    ]


@cross_person_case(
    "journal:entry-detail",
    "journal:entry-edit",
    "journal:entry-history",
    "journal:revision-detail",
    "journal:revision-restore",
    "journal:entry-trash",
    "journal:entry-untrash",
    "journal:entry-delete-forever",
)
@pytest.mark.parametrize("trashed", [False, True], ids=["live", "in-trash"])
def test_another_person_gets_404_everywhere_and_changes_nothing(
    auth_client, other_user, mine, trashed
):
    if trashed:
        mine.move_to_trash()
    revision = mine.revisions.get()
    auth_client.force_login(other_user)
    before = raw_dump()

    for url in urls(mine, revision):
        for headers in ({}, HTMX):
            assert auth_client.get(url, headers=headers).status_code in (404, 405), url
            posted = {"body": "Overwritten", "resolve": str(revision.code), "keep": "mine"}
            # 405 for a page that only reads: it reveals no more than a 404.
            assert auth_client.post(url, posted, headers=headers).status_code in (404, 405), url

    assert raw_dump() == before


def test_an_unknown_entry_is_the_same_404(auth_client):
    code = uuid.uuid4()

    assert auth_client.get(f"/journal/{code}/").status_code == 404
    assert auth_client.get(f"/journal/{code}/edit/").status_code == 404
    assert auth_client.get(f"/journal/{code}/history/{uuid.uuid4()}/").status_code == 404


def test_a_revision_of_another_entry_is_not_reached_through_mine(auth_client, user, mine):
    other_entry = make_entry(user, body="Another entry")
    other_entry.apply(Content(body="Changed again"), "another-page-1")
    foreign = other_entry.revisions.get()

    url = reverse("journal:revision-detail", args=[mine.code, foreign.code])

    assert auth_client.get(url).status_code == 404


def test_saving_to_another_persons_entry_code_never_creates_or_changes_it(
    auth_client, other_user, mine
):
    auth_client.force_login(other_user)

    response = auth_client.post(
        f"/journal/{mine.code}/edit/",
        {"body": "Hijack", "autosave": "1", "editor": "thief-page-01"},
        headers=HTMX,
    )

    assert response.status_code == 404
    assert Entry.objects.count() == 1
    assert Entry.objects.get().body == "Changed"


@pytest.mark.parametrize("path", ["/journal/", "/journal/new/", "/journal/trash/"])
def test_anonymous_visitors_are_asked_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_cannot_save_or_see_an_entry(client, mine):
    for url in urls(mine, mine.revisions.get()):
        response = client.post(url, {"body": "x"})
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
    assert Entry.objects.get().body == "Changed"

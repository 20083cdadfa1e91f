"""Nobody but the owner reaches an entry. The cross-person crawl (tests/test_private_urls.py)
shows every journal URL answers 404 to another person and changes nothing; these are the
cases around it."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from journal.models import Content, Entry, Revision
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

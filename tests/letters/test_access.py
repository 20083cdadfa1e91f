"""Nobody but the owner reaches a letter, and its words are never stored in clear."""

from __future__ import annotations

import uuid

import pytest

from letters.models import Draft, Letter
from tests.database import raw_dump, stored
from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

CANARY = "canary-in-a-letter-7f3a9"


def test_another_person_gets_404_on_every_letter_url_and_changes_nothing(
    auth_client, user, other_user
):
    letter = make_letter(user, body="Mine only", days=10)
    auth_client.force_login(other_user)
    before = raw_dump()
    day = letter.arrives_on.isoformat()
    data = {"body": "Theirs", "base": "1", "editor": "x" * 12, "when": "date", "on_date": day}
    url = f"/letters/{letter.code}/"

    assert auth_client.get(url).status_code == 404
    assert auth_client.post(url + "open/").status_code == 404
    for action in ("edit/", "delete/"):
        assert auth_client.get(url + action).status_code == 404
        assert auth_client.post(url + action, data).status_code == 404
    # The one method each does not take is refused before anything is looked up.
    assert auth_client.post(url, data).status_code == 405
    assert auth_client.get(url + "open/").status_code == 405
    assert raw_dump() == before
    assert "Mine only" not in auth_client.get("/letters/").content.decode()


def test_an_unknown_letter_is_the_same_404(auth_client):
    assert auth_client.get(f"/letters/{uuid.uuid4()}/").status_code == 404


def test_a_conflict_cannot_be_settled_with_another_persons_text(auth_client, user, other_user):
    letter = make_letter(user, body="Mine")
    aside = letter.keep_aside(Draft(body="Aside", arrives_on=letter.arrives_on), "elsewhere-01")
    theirs = make_letter(other_user, body="Theirs")
    auth_client.force_login(other_user)

    response = auth_client.post(
        f"/letters/{theirs.code}/edit/",
        {"resolve": str(aside.code), "keep": "mine", "base": "1", "editor": "x" * 12},
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.body == "Theirs"


def test_a_canary_in_a_letter_is_nowhere_in_a_raw_dump(user):
    letter = make_letter(user, body=f"Dear me, {CANARY}")
    letter.keep_aside(Draft(body=f"Aside {CANARY}", arrives_on=letter.arrives_on), "page-b-01")

    dump = raw_dump()

    assert CANARY not in dump
    assert stored(letter, "body").startswith("gAAAA")  # a Fernet token
    assert Letter.objects.get(pk=letter.pk).body == f"Dear me, {CANARY}"

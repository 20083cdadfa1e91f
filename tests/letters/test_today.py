"""A letter reaches Today on its day, never before, and stops being announced once read."""

from __future__ import annotations

import pytest

from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

HERE = "A letter from your past self is here"


def today_page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_letter_is_not_on_today_the_day_before_it_arrives(auth_client, user):
    make_letter(user, body="Not yet", days=1)

    html = today_page(auth_client)

    assert HERE not in html
    assert "Not yet" not in html


def test_a_letter_is_on_today_from_its_day(auth_client, user):
    letter = make_letter(user, body="Private words", days=0)

    html = today_page(auth_client)

    assert HERE in html
    assert f'href="/letters/{letter.code}/"' in html
    assert "Private words" not in html  # Today says it is here; the letter itself opens


def test_a_letter_that_arrived_while_the_person_was_away_is_still_waiting(auth_client, user):
    make_letter(user, days=-20)
    make_letter(user, days=-2)

    assert "2 letters from your past self are here" in today_page(auth_client)


def test_once_read_it_is_no_longer_announced(auth_client, user):
    letter = make_letter(user, days=0)

    auth_client.get(f"/letters/{letter.code}/")

    assert HERE not in today_page(auth_client)


def test_a_letter_opened_early_is_not_announced_on_its_day(auth_client, user):
    letter = make_letter(user, days=3)
    auth_client.post(f"/letters/{letter.code}/open/")
    type(letter).objects.filter(pk=letter.pk).update(arrives_on=user.today())

    assert HERE not in today_page(auth_client)


def test_another_persons_letter_never_reaches_my_today(auth_client, user, other_user):
    make_letter(other_user, days=0)

    assert HERE not in today_page(auth_client)


def test_today_links_to_the_letters(auth_client):
    assert 'href="/letters/"' in today_page(auth_client)

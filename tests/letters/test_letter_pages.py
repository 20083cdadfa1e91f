"""The list, reading, opening early and deleting: sealed letters keep their words hidden."""

from __future__ import annotations

import pytest

from letters.models import Letter
from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

SECRET = "Words kept for later"


def test_a_sealed_letter_is_listed_by_its_day_without_its_words(auth_client, user):
    letter = make_letter(user, body=SECRET, days=10)

    html = auth_client.get("/letters/").content.decode()

    assert f"Sealed until {letter.arrives_on.day} " in html
    assert SECRET not in html
    for action in ("Open it now", "Edit", "Delete"):
        assert action in html


def test_an_arrived_letter_is_listed_as_arrived(auth_client, user):
    make_letter(user, body=SECRET, days=0)

    html = auth_client.get("/letters/").content.decode()

    assert "Letters that have arrived" in html
    assert "A letter from your past self is here" in html
    assert "Sealed letters" not in html
    assert SECRET not in html


def test_an_empty_list_invites_a_first_letter_gently(auth_client):
    html = auth_client.get("/letters/").content.decode()

    assert "No letters yet" in html
    assert 'href="/letters/new/"' in html


def test_the_list_costs_the_same_few_queries_however_many_letters(
    auth_client, user, django_assert_max_num_queries
):
    for days in range(-5, 20):
        make_letter(user, days=days)

    with django_assert_max_num_queries(6):
        assert auth_client.get("/letters/").status_code == 200


def test_a_sealed_letter_asks_calmly_before_opening(auth_client, user):
    letter = make_letter(user, body=SECRET, days=10)

    html = auth_client.get(f"/letters/{letter.code}/").content.decode()

    assert SECRET not in html
    assert "There is no wrong choice" in html
    assert f'action="/letters/{letter.code}/open/"' in html
    assert "Keep it sealed" in html
    letter.refresh_from_db()
    assert letter.opened_at is None


def test_opening_early_shows_the_letter_and_keeps_it_openable_later(auth_client, user):
    letter = make_letter(user, body=SECRET, days=10)

    response = auth_client.post(f"/letters/{letter.code}/open/")

    assert response.status_code == 302
    assert response["Location"] == f"/letters/{letter.code}/"
    html = auth_client.get(response["Location"]).content.decode()
    assert SECRET in html
    assert f'href="/letters/{letter.code}/edit/"' in html  # not arrived: still for later
    letter.refresh_from_db()
    assert letter.opened_at is not None
    assert "opened early" in auth_client.get("/letters/").content.decode()


def test_reading_an_arrived_letter_marks_it_read(auth_client, user):
    letter = make_letter(user, body="Dear me,\n\nYou are doing better than you think.", days=-1)

    html = auth_client.get(f"/letters/{letter.code}/").content.decode()

    assert "<p>Dear me,</p>" in html and "You are doing better than you think." in html
    assert f'href="/letters/{letter.code}/edit/"' not in html
    letter.refresh_from_db()
    assert letter.opened_at is not None


def test_a_letters_words_are_escaped(auth_client, user):
    letter = make_letter(user, body="<script>alert(1)</script>", days=0)

    html = auth_client.get(f"/letters/{letter.code}/").content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_deleting_asks_first_then_deletes(auth_client, user):
    letter = make_letter(user, days=10)

    html = auth_client.get(f"/letters/{letter.code}/delete/").content.decode()
    assert "Delete this letter?" in html and "Keep it" in html
    assert Letter.objects.filter(pk=letter.pk).exists()

    response = auth_client.post(f"/letters/{letter.code}/delete/")

    assert response.status_code == 302
    assert response["Location"] == "/letters/"
    assert not Letter.objects.filter(pk=letter.pk).exists()

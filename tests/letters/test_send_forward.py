"""Chapter 4's "A kind letter to myself" offers to send itself forward as a letter."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from healing.models import Exercise
from letters.models import Letter
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

CHAPTER = "/guide/learning-to-love-again/"
OFFER = "Send this letter to your future self"


def kind_letter(user, text: str = "You were braver than you knew."):
    exercise = Exercise.objects.get(key="love-kind-letter")
    return ResponseFactory(user=user, exercise=exercise, answer={"prompts": {"dear-me": text}})


def test_an_answered_kind_letter_offers_to_be_sent_forward(auth_client, user):
    answer = kind_letter(user)

    html = auth_client.get(CHAPTER).content.decode()

    assert OFFER in html
    assert f'href="/letters/new/?answer={answer.code}"' in html
    assert "choose the day it arrives" in html


def test_an_unanswered_kind_letter_has_nothing_to_send(auth_client, user):
    kind_letter(user, text="   ")

    assert OFFER not in auth_client.get(CHAPTER).content.decode()


def test_no_other_exercise_offers_it(auth_client, user):
    ResponseFactory(user=user, exercise=Exercise.objects.get(key="love-healthy-boundaries"))

    assert OFFER not in auth_client.get(CHAPTER).content.decode()


def test_the_offer_costs_no_query(auth_client, user):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert auth_client.get(CHAPTER).status_code == 200
        return len(queries)

    auth_client.get(CHAPTER)
    without = count()
    kind_letter(user)

    assert count() == without


def test_the_new_letter_starts_from_the_answer_and_keeps_nothing_yet(auth_client, user):
    answer = kind_letter(user, text="You were <b>braver</b> than you knew.")

    html = auth_client.get(f"/letters/new/?answer={answer.code}").content.decode()

    assert "Dear me,\n\nYou were &lt;b&gt;braver&lt;/b&gt; than you knew.</textarea>" in html
    assert "starts from what you wrote for “A kind letter to myself”" in html
    assert not Letter.objects.exists()  # saved only when the person writes or seals it


@pytest.mark.parametrize("value", ["not-a-code", str(uuid.uuid4())])
def test_an_unknown_answer_is_a_404(auth_client, value):
    assert auth_client.get(f"/letters/new/?answer={value}").status_code == 404


def test_another_persons_answer_is_a_404_and_shows_nothing(auth_client, user, other_user):
    answer = kind_letter(other_user, text="Theirs alone")

    response = auth_client.get(reverse("letters:letter-new") + f"?answer={answer.code}")

    assert response.status_code == 404
    assert "Theirs alone" not in response.content.decode()

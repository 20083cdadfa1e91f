from __future__ import annotations

import datetime
import uuid

import pytest

from healing.models import Exercise
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_reflections_gather_answers_by_chapter_with_then_and_now(auth_client, user):
    long_ago = datetime.date(2026, 1, 5)
    ResponseFactory(user=user, answered_on=long_ago, answer={"prompts": {"open-again": "Never."}})
    ResponseFactory(
        user=user,
        version=2,
        answered_on=datetime.date(2026, 2, 5),
        answer={"prompts": {"open-again": "Perhaps."}},
    )
    ResponseFactory(user=user, version=3, answer={"prompts": {"open-again": "Yes, slowly."}})
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="love-kind-letter"),
        answer={"prompts": {"dear-me": "You are doing fine."}},
    )

    html = auth_client.get("/reflections/").content.decode()

    assert html.index("Understanding the Roots") < html.index("Learning to Love Again")
    assert "Then · " in html
    assert "5 January 2026" in html
    assert html.index("Never.") < html.index("Yes, slowly.")
    assert "Answers in between (1)" in html
    assert "Perhaps." in html
    assert "You are doing fine." in html


def test_a_list_answer_reads_as_one_numbered_list(auth_client, user):
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="love-healthy-boundaries"),
        answer={"items": ["Sundays are mine", "I say no\nwithout a reason"]},
    )

    html = auth_client.get("/reflections/").content.decode()

    assert (
        '<ol class="answer answer--list"><li dir="auto">Sundays are mine</li>'
        '<li dir="auto">I say no<br>without a reason</li></ol>'
    ) in html
    assert "<dt>1.</dt>" not in html


def test_reflections_start_empty_and_kind(auth_client):
    html = auth_client.get("/reflections/").content.decode()

    assert "You have not answered any exercises yet" in html


def test_reflections_are_private(client, auth_client, user, other_user):
    ResponseFactory(user=user, answer={"prompts": {"open-again": "Mine only"}})
    auth_client.force_login(other_user)

    assert "Mine only" not in auth_client.get("/reflections/").content.decode()
    assert client.get("/reflections/")["Location"].startswith("/accounts/login/")
    assert auth_client.post("/reflections/").status_code == 405


def test_one_answer_has_its_own_printable_page(auth_client, user):
    response = ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="rebuild-accountability-agreements"),
        answer={"fields": {"what-i-will-do": "Call on Sundays."}},
    )

    html = auth_client.get(f"/reflections/{response.code}/").content.decode()

    assert "Mutual accountability agreements" in html
    assert "Call on Sundays." in html
    chapter = auth_client.get("/guide/rebuilding-trust/").content.decode()
    assert f'href="/reflections/{response.code}/">Printable view' in chapter


def test_an_unknown_answer_is_the_same_404_as_another_persons(auth_client):
    # Another person's answer: tests/test_private_urls.py.
    assert auth_client.get(f"/reflections/{uuid.uuid4()}/").status_code == 404


def test_an_answer_page_needs_sign_in(client, user):
    response = ResponseFactory(user=user)

    assert client.get(f"/reflections/{response.code}/")["Location"].startswith("/accounts/login/")


def test_reflections_and_contents_cost_a_few_queries_however_many_answers(
    auth_client, user, django_assert_max_num_queries
):
    for exercise in Exercise.objects.all():
        for version in (1, 2, 3):
            ResponseFactory(user=user, exercise=exercise, version=version)

    with django_assert_max_num_queries(4):
        assert auth_client.get("/reflections/").status_code == 200
    with django_assert_max_num_queries(4):
        assert auth_client.get("/guide/").status_code == 200


def test_answers_to_a_retired_exercise_stay_in_reflections(auth_client, user):
    ResponseFactory(user=user, answer={"prompts": {"open-again": "Kept forever"}})
    Exercise.objects.filter(key="roots-silent-question").update(retired=True)

    html = auth_client.get("/reflections/").content.decode()
    chapter = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert "Kept forever" in html
    assert "(no longer in the guide)" in html
    assert 'id="exercise-roots-silent-question"' not in chapter

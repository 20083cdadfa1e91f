"""What every reader sees alike is built once and kept, and never outlives a change."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from healing import guide_cache
from healing.loader import load_guide
from healing.models import Chapter, Exercise
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db
CHAPTER = "/guide/roots-of-trust-issues/"
OPENING = "Trust issues rarely come from one moment alone."


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def test_a_visitor_reads_a_chapter_without_a_single_query_once_it_is_kept(
    client, django_assert_num_queries
):
    first = client.get(CHAPTER).content.decode()

    with django_assert_num_queries(0):
        again = client.get(CHAPTER).content.decode()

    assert article(again) == article(first)
    assert "Can I risk being open again?" in again


def token_in(page: str) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', page)[1]


def test_each_visitor_of_a_kept_page_gets_a_working_token_of_their_own():
    """The page is drawn once for every visitor, but a form posted from it must pass
    the CSRF check: each response carries the visitor's own token and cookie."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get(CHAPTER).content.decode()
    other = second.get(CHAPTER).content.decode()
    assert guide_cache.TOKEN_SLOT not in one + other
    assert token_in(one) != token_in(other)
    assert one.replace(token_in(one), "") == other.replace(token_in(other), "")

    complete = "/guide/roots-of-trust-issues/complete/"
    refused = first.post(complete, {"complete": "1"})
    accepted = first.post(complete, {"complete": "1"}, headers={"X-CSRFToken": token_in(one)})

    assert refused.status_code == 403
    assert accepted.status_code == 302  # on to sign in: the check passed


def test_a_message_waiting_for_a_visitor_is_shown_on_the_kept_page(client, auth_client):
    client.get(CHAPTER)  # kept
    auth_client.post("/accounts/logout/")

    page = auth_client.get(CHAPTER).content.decode()
    after = auth_client.get(CHAPTER).content.decode()

    assert "You have signed out." in page
    assert "You have signed out." not in after
    assert article(page) == article(after)


def test_an_edited_chapter_reaches_visitors_at_once(client):
    client.get(CHAPTER)
    chapter = Chapter.objects.get(slug="roots-of-trust-issues")

    chapter.body = chapter.body.replace(OPENING, "Trust is a quiet thing.")
    chapter.save()

    page = client.get(CHAPTER).content.decode()
    assert "Trust is a quiet thing." in page
    assert OPENING not in page


def test_an_exercise_edited_or_retired_changes_the_page_at_once(client):
    client.get(CHAPTER)
    exercise = Exercise.objects.get(key="roots-silent-question")
    exercise.title = "A quieter question"
    exercise.save()
    assert "A quieter question" in client.get(CHAPTER).content.decode()

    Exercise.objects.filter(pk=exercise.pk).update(retired=True)  # as load_guide retires
    load_guide()
    assert "A quieter question" not in client.get(CHAPTER).content.decode()


def test_the_kept_page_is_a_visitors_never_a_readers(client, auth_client, user):
    exercise = Exercise.objects.get(key="roots-silent-question")
    ResponseFactory(user=user, exercise=exercise, answer={"prompts": {"open-again": "kept-canary"}})
    assert "kept-canary" in auth_client.get(CHAPTER).content.decode()

    visitor = client.get(CHAPTER).content.decode()

    assert "kept-canary" not in visitor
    assert "Sign up to save your answers privately" in visitor
    assert "Mark as complete" not in visitor


def test_a_staff_edit_of_an_exercise_reaches_a_signed_in_reader_at_once(auth_client, user):
    """Each card's skeleton (its heading, its fields' labels and help, its links) is
    kept per guide version: an edit shows on the reader's next page, answer kept."""
    exercise = Exercise.objects.get(key="roots-silent-question")
    ResponseFactory(user=user, exercise=exercise, answer={"prompts": {"open-again": "Maybe."}})
    before = auth_client.get(CHAPTER).content.decode()
    assert "Can I risk being open again?" in before

    exercise.title = "A quieter question"
    exercise.config["prompts"][0]["text"] = "Could I be open again, one day?"
    exercise.config["prompts"][0]["help"] = "There is no wrong answer."
    exercise.save()

    page = auth_client.get(CHAPTER).content.decode()
    assert "A quieter question</h3>" in page
    assert '<label for="id_roots-silent-question-prompt-open-again">Could I be open' in page
    assert "There is no wrong answer." in page
    assert "Can I risk being open again?" not in page
    assert "\nMaybe.</textarea>" in page


def test_a_kept_skeleton_holds_nobodys_answer(auth_client, user):
    exercise = Exercise.objects.get(key="roots-silent-question")
    ResponseFactory(user=user, exercise=exercise, answer={"prompts": {"open-again": "kept-canary"}})
    assert "kept-canary" in auth_client.get(CHAPTER).content.decode()

    skeleton = guide_cache.kept().get(f"skeleton:{exercise.key}", lambda: None)

    assert skeleton is not None
    assert "kept-canary" not in repr(skeleton)
    assert "Can I risk being open again?" in repr(skeleton)


def test_a_field_with_an_error_is_drawn_with_its_error(auth_client, user):
    """Not from the kept skeleton: an answer refused shows why, beside the field."""
    response = auth_client.post(
        "/guide/exercises/roots-silent-question/",
        {"roots-silent-question-prompt-open-again": "x" * 20_001, "base": "0", "editor": "e" * 12},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<div class="field field--error">' in page
    assert 'id="id_roots-silent-question-prompt-open-again_error"' in page
    assert 'aria-describedby="id_roots-silent-question-prompt-open-again_error"' in page


def test_a_staff_edit_of_a_chapter_reaches_today_and_the_contents_at_once(auth_client):
    """Today and the contents read the guide's chapters from what is kept, too."""
    auth_client.get(CHAPTER)
    short_title = Chapter.objects.get(slug="roots-of-trust-issues").short_title
    assert f"Continue: {short_title}" in auth_client.get("/").content.decode()
    auth_client.get("/guide/")
    chapter = Chapter.objects.get(slug="roots-of-trust-issues")

    chapter.short_title = "Where doubt begins"
    chapter.title = "Where doubt begins, and why"
    chapter.save()

    assert "Continue: Where doubt begins" in auth_client.get("/").content.decode()
    assert "Where doubt begins, and why</a>" in auth_client.get("/guide/").content.decode()

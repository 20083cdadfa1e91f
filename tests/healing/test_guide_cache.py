"""What every reader sees alike is built once and kept, and never outlives a change."""

from __future__ import annotations

import pytest

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

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from healing.models import Chapter, Exercise, PracticeTick, Progress, Response
from tests.accounts.factories import UserFactory
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_answers_progress_and_days_are_not_in_the_admin():
    for model in (Response, Progress, PracticeTick):
        assert not admin.site.is_registered(model)


def test_staff_can_edit_a_chapter_and_it_is_marked_as_edited(staff_client):
    chapter = Chapter.objects.get(slug="introduction")
    url = f"/admin/healing/chapter/{chapter.pk}/change/"
    assert staff_client.get(url).status_code == 200

    response = staff_client.post(
        url,
        {
            "order": chapter.order,
            "title": chapter.title,
            "short_title": chapter.short_title,
            "summary": chapter.summary,
            "key_ideas": '["One idea"]',
            "closing": "",
            "body": "Fresh **words**.",
            "exercises-TOTAL_FORMS": "0",
            "exercises-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.edited_in_admin
    assert chapter.body_html == "<p>Fresh <strong>words</strong>.</p>\n"


def test_the_admin_pages_never_show_an_answer(staff_client, user):
    ResponseFactory(user=user, answer={"prompts": {"open-again": "admin-canary"}})

    for url in ("/admin/", "/admin/healing/chapter/", "/admin/healing/exercise/"):
        assert "admin-canary" not in staff_client.get(url).content.decode()


def exercise_form(exercise, config: str) -> dict:
    return {
        "title": exercise.title,
        "intro": exercise.intro,
        "config": config,
        "order": exercise.order,
    }


def test_editing_an_exercise_marks_its_chapter_as_edited(staff_client):
    exercise = Exercise.objects.get(key="love-kind-letter")
    url = f"/admin/healing/exercise/{exercise.pk}/change/"
    config = '{"prompts": [{"id": "dear-me", "text": "Dear me,"}]}'

    response = staff_client.post(url, exercise_form(exercise, config))

    assert response.status_code == 302
    assert Chapter.objects.get(pk=exercise.chapter_id).edited_in_admin


def test_a_config_the_chapter_page_could_not_show_is_refused(staff_client, client):
    exercise = Exercise.objects.get(key="love-kind-letter")
    url = f"/admin/healing/exercise/{exercise.pk}/change/"

    response = staff_client.post(url, exercise_form(exercise, '{"prompts": [{"id": 1}]}'))

    assert response.status_code == 200
    assert "needs id and text as text" in response.content.decode()
    assert client.get(exercise.chapter.get_absolute_url()).status_code == 200

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from healing.models import Chapter, PracticeTick, Progress, Response
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

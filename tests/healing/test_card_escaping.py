"""A reader's own text on a chapter page's card (its form and earlier answers), drawn in
Python since the performance pass, is escaped as the template engine escaped it."""

from __future__ import annotations

import datetime

import pytest

from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

KEY = "roots-silent-question"
FIELD = f"{KEY}-prompt-open-again"
URL = f"/guide/exercises/{KEY}/"
NASTY = '<script>alert("x")</script> & \' \u202eRTL'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27; \u202eRTL"


def test_a_readers_text_is_escaped_in_the_form_and_in_earlier_answers(auth_client, user):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    ResponseFactory(user=user, answered_on=week_ago, answer={"prompts": {"open-again": NASTY}})
    auth_client.post(URL, {FIELD: NASTY + " now"})
    chapter = user.guide_responses.first().exercise.chapter.get_absolute_url()

    html = auth_client.get(chapter).content.decode()

    assert "<script>alert" not in html
    assert html.count(ESCAPED) >= 2  # the earlier version, and the form's text box
    assert f"{ESCAPED} now" in html

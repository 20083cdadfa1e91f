from __future__ import annotations

import datetime

import pytest

from healing.models import Exercise, Response
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

KEY = "roots-silent-question"
FIELD = f"{KEY}-prompt-open-again"
URL = f"/guide/exercises/{KEY}/"


def answers(user) -> list[tuple[int, str]]:
    return [
        (r.version, r.answer.get("prompts", {}).get("open-again", ""))
        for r in user.guide_responses.all()
    ]


def test_saves_on_the_same_day_update_the_current_version(auth_client, user):
    auth_client.post(URL, {FIELD: "No"})
    auth_client.post(URL, {FIELD: "No, not yet"})

    assert answers(user) == [(1, "No, not yet")]


def test_a_save_on_a_later_day_starts_a_new_version_and_keeps_the_old(auth_client, user):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    ResponseFactory(user=user, answered_on=week_ago, answer={"prompts": {"open-again": "No"}})

    auth_client.post(URL, {FIELD: "Maybe"})

    assert answers(user) == [(1, "No"), (2, "Maybe")]
    assert user.guide_responses.get(version=2).answered_on == datetime.date.today()


def test_an_unchanged_answer_on_a_later_day_makes_no_new_version(auth_client, user):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    ResponseFactory(user=user, answered_on=week_ago, answer={"prompts": {"open-again": "No"}})

    auth_client.post(URL, {FIELD: "No", "autosave": "1"}, headers={"HX-Request": "true"})

    assert answers(user) == [(1, "No")]


def test_answer_again_keeps_the_current_answer_and_starts_an_empty_version(auth_client, user):
    auth_client.post(URL, {FIELD: "No"})

    response = auth_client.post(URL, {FIELD: "No.", "again": "1"}, headers={"HX-Request": "true"})

    assert answers(user) == [(1, "No."), (2, "")]
    html = response.content.decode()
    assert "Earlier answers (1)" in html
    assert "Version 2" in html


def test_answer_again_is_not_offered_on_a_version_that_is_still_empty(auth_client, user):
    auth_client.post(URL, {FIELD: "No"})
    assert (
        ">Answer again</button>"
        in auth_client.get("/guide/roots-of-trust-issues/").content.decode()
    )

    fragment = auth_client.post(URL, {FIELD: "No", "again": "1"}, headers={"HX-Request": "true"})
    page = auth_client.get("/guide/roots-of-trust-issues/")

    assert ">Answer again</button>" not in fragment.content.decode()
    section = page.content.decode().split(f'id="exercise-{KEY}"')[1].split("</section>")[0]
    assert ">Answer again</button>" not in section
    assert answers(user) == [(1, "No"), (2, "")]


def test_the_button_pressed_keeps_the_focus_in_the_swapped_section(auth_client, user):
    saved = auth_client.post(
        URL, {FIELD: "No", f"{KEY}-op": "save"}, headers={"HX-Request": "true"}
    )
    again = auth_client.post(URL, {FIELD: "No", "again": "1"}, headers={"HX-Request": "true"})

    assert 'value="save" autofocus>Save</button>' in saved.content.decode()
    assert "autofocus" not in saved.content.decode().split("<textarea")[1].split(">")[0]
    assert "autofocus" in again.content.decode().split("<textarea")[1].split(">")[0]


def test_history_is_shown_with_the_exercise(auth_client, user):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    ResponseFactory(user=user, answered_on=week_ago, answer={"prompts": {"open-again": "Then"}})
    ResponseFactory(user=user, version=2, answer={"prompts": {"open-again": "Now"}})

    html = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert "Earlier answers (1)" in html
    assert "Then" in html
    assert "Now</textarea>" in html


def test_an_earlier_answer_is_shown_escaped_with_its_line_breaks(auth_client, user):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    then = "Not <b>yet</b>\nand that's ok"
    ResponseFactory(user=user, answered_on=week_ago, answer={"prompts": {"open-again": then}})
    ResponseFactory(user=user, version=2, answer={"prompts": {"open-again": "Now"}})

    html = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert '<dd dir="auto">Not &lt;b&gt;yet&lt;/b&gt;<br>and that&#x27;s ok</dd>' in html


def test_the_day_follows_the_persons_time_zone(auth_client, user, settings):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: usually already tomorrow
    user.save()

    auth_client.post(URL, {FIELD: "Yes"})

    assert user.guide_responses.get().answered_on == user.today()


def test_a_string_never_shows_the_answer():
    response = Response(exercise=Exercise(key="k"), version=3, answer={"prompts": {"k": "secret"}})

    assert "secret" not in str(response)
    assert str(response).startswith("Answer ")


def test_answer_again_twice_adds_only_one_empty_version(auth_client, user):
    auth_client.post(URL, {FIELD: "No"})

    auth_client.post(URL, {FIELD: "No", "again": "1"})
    auth_client.post(URL, {FIELD: "", "again": "1"})

    assert answers(user) == [(1, "No"), (2, "")]


def test_reflections_never_show_an_unwritten_version_as_now(auth_client, user):
    auth_client.post(URL, {FIELD: "Then, I could not."})
    auth_client.post(URL, {FIELD: "Then, I could not.", "again": "1"})

    html = auth_client.get("/reflections/").content.decode()

    assert "Then, I could not." in html
    assert "No answer written" not in html


def test_an_answer_again_left_empty_is_filled_on_a_later_day(user):
    exercise = Exercise.objects.get(key=KEY)
    day0 = datetime.date(2026, 1, 1)
    page = (0, "test-page-1")  # one page saving throughout: its saves are never stale
    Response.objects.record(
        user, exercise, {"prompts": {"open-again": "one"}}, day0, page, again=True
    )

    Response.objects.record(
        user, exercise, {"prompts": {"open-again": "two"}}, day0.replace(day=2), page
    )
    Response.objects.record(
        user, exercise, {"prompts": {"open-again": "two"}}, day0.replace(day=3), page, again=True
    )

    assert answers(user) == [(1, "one"), (2, "two"), (3, "")]
    assert user.guide_responses.get(version=2).answered_on == day0.replace(day=2)

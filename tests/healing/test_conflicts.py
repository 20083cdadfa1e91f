"""Two pages saving the same answer: nothing is ever silently replaced."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from healing.models import Exercise
from tests.healing.factories import PracticeTickFactory, ResponseFactory

pytestmark = pytest.mark.django_db

KEY = "roots-silent-question"
FIELD = f"{KEY}-prompt-open-again"
URL = f"/guide/exercises/{KEY}/"
HTMX = {"HX-Request": "true"}
TAB_A = "tab-a-0000000000"
TAB_B = "tab-b-0000000000"


def save(client: Client, text: str, base: int, editor: str, **extra: str):
    data = {FIELD: text, "base": str(base), "editor": editor, "autosave": "1", **extra}
    return client.post(URL, data, headers=HTMX)


def texts(user) -> list[tuple[int, bool, str]]:
    return [
        (r.version, r.aside, r.answer["prompts"]["open-again"])
        for r in user.guide_responses.order_by("version", "aside", "pk")
    ]


@pytest.fixture
def two_tabs(user) -> tuple[Client, Client]:
    a, b = Client(), Client()
    a.force_login(user)
    b.force_login(user)
    return a, b


def test_the_second_of_two_tabs_gets_the_conflict_view_and_both_texts_are_kept(two_tabs, user):
    a, b = two_tabs
    assert save(a, "Written in tab A", 0, TAB_A).status_code == 200

    response = save(b, "Written in tab B", 0, TAB_B)

    html = response.content.decode()
    assert response.status_code == 409
    assert "also changed in another tab" in html
    assert "Written in tab <del>" in html and "Written in tab <ins>" in html
    assert texts(user) == [(1, False, "Written in tab A"), (1, True, "Written in tab B")]


def test_the_conflict_view_marks_differences_with_insert_and_delete(two_tabs, user):
    a, b = two_tabs
    save(a, "I can risk it slowly", 0, TAB_A)

    html = save(b, "I can risk it <b>bravely</b>", 0, TAB_B).content.decode()

    assert "<del>" in html and "slowly</del>" in html
    assert "<ins>" in html and "&lt;b&gt;bravely&lt;/b&gt;</ins>" in html
    assert "<b>bravely" not in html


def test_a_retried_save_whose_reply_was_lost_is_acknowledged_not_a_conflict(user, auth_client):
    assert save(auth_client, "First words", 0, TAB_A).status_code == 200

    retry = save(auth_client, "First words, and more", 0, TAB_A)

    assert retry.status_code == 200
    assert 'data-base="2"' in retry.content.decode()
    assert texts(user) == [(1, False, "First words, and more")]


def test_the_reply_to_a_save_carries_the_new_counter(auth_client):
    first = save(auth_client, "One", 0, TAB_A).content.decode()
    second = save(auth_client, "One two", 1, TAB_A).content.decode()

    assert 'data-base="1"' in first
    assert 'data-base="2"' in second


def test_a_stale_tab_retrying_keeps_one_text_aside_not_many(two_tabs, user):
    a, b = two_tabs
    save(a, "A", 0, TAB_A)

    save(b, "B", 0, TAB_B)
    save(b, "B, typed on", 0, TAB_B)

    assert texts(user) == [(1, False, "A"), (1, True, "B, typed on")]


def test_a_stale_save_with_the_same_text_is_no_conflict(two_tabs, user):
    a, b = two_tabs
    save(a, "Same", 0, TAB_A)

    assert save(b, "Same", 0, TAB_B).status_code == 200
    assert texts(user) == [(1, False, "Same")]


def test_a_plain_post_from_a_stale_page_shows_the_whole_chapter_with_both_texts(two_tabs, user):
    a, b = two_tabs
    save(a, "From A", 0, TAB_A)

    response = b.post(URL, {FIELD: "From B", "base": "0", "editor": TAB_B})

    html = response.content.decode()
    assert response.status_code == 409
    assert "<html" in html
    assert "Keep this tab's version" in html and "Keep the version saved elsewhere" in html
    assert "From <del>" in html and "From <ins>" in html


def conflict(a: Client, b: Client, user) -> str:
    save(a, "Kept by A", 0, TAB_A)
    save(b, "Kept by B", 0, TAB_B)
    return str(user.guide_responses.get(aside=True).code)


def test_keeping_this_tabs_version_swaps_the_two(two_tabs, user):
    a, b = two_tabs
    code = conflict(a, b, user)

    response = b.post(
        URL, {"resolve": code, "keep": "mine", "base": "1", "editor": TAB_B}, headers=HTMX
    )

    assert response.status_code == 200
    assert texts(user) == [(1, False, "Kept by B"), (1, True, "Kept by A")]


def test_keeping_this_tabs_version_twice_keeps_it(two_tabs, user):
    # The reply to the first press was lost (a worker died): the person presses again.
    a, b = two_tabs
    code = conflict(a, b, user)
    settle = {"resolve": code, "keep": "mine", "base": "1", "editor": TAB_B}

    b.post(URL, settle, headers=HTMX)
    again = b.post(URL, settle, headers=HTMX)

    assert again.status_code == 200
    assert texts(user) == [(1, False, "Kept by B"), (1, True, "Kept by A")]


def test_a_later_conflict_of_the_same_tab_keeps_the_earlier_text_aside_too(two_tabs, user):
    # B keeps A's version, writes on, and meets a second conflict from the same page:
    # the text B set aside the first time stays, beside the new one.
    a, b = two_tabs
    code = conflict(a, b, user)
    b.post(URL, {"resolve": code, "keep": "theirs", "base": "1", "editor": TAB_B})
    assert save(b, "Kept by A, and B wrote on", 1, TAB_B).status_code == 200
    assert save(a, "A reloaded and wrote", 2, TAB_A).status_code == 200

    assert save(b, "Kept by A, and B wrote on, and on", 2, TAB_B).status_code == 409

    assert texts(user) == [
        (1, False, "A reloaded and wrote"),
        (1, True, "Kept by B"),
        (1, True, "Kept by A, and B wrote on, and on"),
    ]


def test_keeping_the_other_version_changes_nothing_and_keeps_this_one_aside(two_tabs, user):
    a, b = two_tabs
    code = conflict(a, b, user)

    response = b.post(URL, {"resolve": code, "keep": "theirs", "base": "1", "editor": TAB_B})

    assert response.status_code == 302
    assert texts(user) == [(1, False, "Kept by A"), (1, True, "Kept by B")]


def test_a_merged_version_replaces_both_and_both_stay_in_the_history(two_tabs, user):
    a, b = two_tabs
    code = conflict(a, b, user)

    b.post(
        URL,
        {"resolve": code, "keep": "merged", FIELD: "A and B", "base": "1", "editor": TAB_B},
    )

    assert texts(user) == [(1, False, "A and B"), (1, True, "Kept by B"), (1, True, "Kept by A")]


def test_a_stale_save_after_a_merge_keeps_what_the_merge_replaced(two_tabs, user):
    a, b = two_tabs
    code = conflict(a, b, user)
    b.post(
        URL,
        {"resolve": code, "keep": "merged", FIELD: "A and B", "base": "1", "editor": TAB_B},
    )

    assert save(a, "Kept by A, and more", 1, TAB_A).status_code == 409

    assert texts(user) == [
        (1, False, "A and B"),
        (1, True, "Kept by B"),
        (1, True, "Kept by A"),
        (1, True, "Kept by A, and more"),
    ]


def test_settling_from_a_page_that_is_stale_again_raises_a_new_conflict(two_tabs, user):
    a, b = two_tabs
    code = conflict(a, b, user)
    save(a, "A again", 1, TAB_A)

    response = b.post(
        URL, {"resolve": code, "keep": "mine", "base": "1", "editor": TAB_B}, headers=HTMX
    )

    assert response.status_code == 409
    assert user.guide_responses.get(aside=False).answer["prompts"]["open-again"] == "A again"


def test_another_persons_text_kept_aside_cannot_be_used_to_settle(two_tabs, user, other_user):
    theirs = ResponseFactory(user=other_user, aside=True)
    a, _ = two_tabs
    save(a, "Mine", 0, TAB_A)

    response = a.post(URL, {"resolve": str(theirs.code), "keep": "mine", "base": "1"})

    assert response.status_code == 404
    assert texts(user) == [(1, False, "Mine")]


def test_answer_again_from_a_stale_tab_is_a_conflict_not_a_new_version(two_tabs, user):
    a, b = two_tabs
    save(a, "A", 0, TAB_A)

    response = b.post(URL, {FIELD: "B", "again": "1", "base": "0", "editor": TAB_B}, headers=HTMX)

    assert response.status_code == 409
    assert user.guide_responses.filter(aside=False).count() == 1


def test_then_and_now_ignore_texts_kept_aside(two_tabs, user):
    a, b = two_tabs
    ResponseFactory(
        user=user,
        answered_on=datetime.date.today() - datetime.timedelta(days=9),
        answer={"prompts": {"open-again": "Then"}},
    )
    save(a, "Now", 0, TAB_A)
    save(b, "Aside", 0, TAB_B)

    html = a.get("/reflections/").content.decode()

    then_now = html[html.index('class="then-now"') : html.index("Kept from another tab")]
    assert "Then" in then_now and "Now" in then_now and "Aside" not in then_now
    assert "Aside" in html[html.index("Kept from another tab") :]


def test_a_chapter_shows_a_kept_aside_text_among_earlier_answers(two_tabs, user):
    a, b = two_tabs
    save(a, "Current", 0, TAB_A)
    save(b, "Other tab", 0, TAB_B)

    html = a.get("/guide/roots-of-trust-issues/").content.decode()

    history = html[html.index("Earlier answers") :]
    assert "Version 1, from another tab" in history
    assert "Other tab" in history


# -- Practice days: sent as changes, so two tabs cannot undo each other ---------------

DAYS_KEY = "toll-honor-your-emotions"
DAYS_URL = f"/guide/exercises/{DAYS_KEY}/days/"


def day(n: int) -> str:
    return f"seek-support:{(datetime.date.today() - datetime.timedelta(days=n)).isoformat()}"


def test_days_ticked_in_two_tabs_all_survive(two_tabs, user):
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key=DAYS_KEY),
        answer={"practices": {"seek-support": "daily"}},
    )
    a, b = two_tabs

    a.post(DAYS_URL, {"tick": [day(1)]}, headers=HTMX)  # one change at a time, with JS
    b.post(DAYS_URL, {"tick": [day(2)]})  # a plain post from a page drawn before day 1

    assert sorted(t.day.isoformat() for t in user.guide_ticks.all()) == sorted(
        [day(1).split(":")[1], day(2).split(":")[1]]
    )


def test_unticking_one_day_leaves_every_other_day_alone(user, auth_client):
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key=DAYS_KEY),
        answer={"practices": {"seek-support": "daily"}},
    )
    for n in (0, 1, 2):
        PracticeTickFactory(user=user, day=datetime.date.today() - datetime.timedelta(days=n))

    auth_client.post(DAYS_URL, {"was": [day(1)]}, headers=HTMX)

    remaining = sorted(t.day for t in user.guide_ticks.all())
    assert len(remaining) == 2
    assert datetime.date.today() - datetime.timedelta(days=1) not in remaining

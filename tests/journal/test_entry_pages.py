"""Reading an entry, starting one from a prompt, and carrying a long answer over."""

from __future__ import annotations

import datetime
from html import unescape

import pytest

from healing.models import Exercise
from journal.models import Content, Entry
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db


def test_an_entry_shows_its_markdown_date_mood_feelings_and_tags(auth_client, user):
    entry = make_entry(
        user,
        title="A gentle day",
        body="I *rested*.\n\n- tea\n- a walk",
        mood=4,
        feelings={"calm": 3},
        tags=["rest"],
        entry_date=datetime.date(2026, 4, 5),
    )

    html = auth_client.get(f"/journal/{entry.code}/").content.decode()

    assert '<h1 dir="auto">A gentle day</h1>' in html
    assert "<em>rested</em>" in html and "<li>tea</li>" in html
    assert "Sunday 5 April 2026" in html
    assert "Good" in html and "Calm (strongly)" in html and ">rest</span>" in html


def test_an_entry_page_costs_a_few_queries(auth_client, user, django_assert_max_num_queries):
    entry = make_entry(user, tags=["a", "b"], mood=2)

    with django_assert_max_num_queries(4):
        assert auth_client.get(f"/journal/{entry.code}/").status_code == 200


@pytest.mark.parametrize("page", ["", "edit/", "history/"])
def test_entry_pages_cost_no_more_queries_with_more_history(
    auth_client, user, page, django_assert_max_num_queries
):
    entry = make_entry(user, tags=["a"])
    for n in range(12):
        entry.apply(Content(body=f"Version {n}", tags=["a"]), f"page-{n:012d}")

    with django_assert_max_num_queries(6):
        assert auth_client.get(f"/journal/{entry.code}/{page}").status_code == 200


def test_a_new_entry_from_a_guide_prompt_shows_it_and_is_linked_to_it(auth_client, user):
    html = auth_client.get("/journal/new/?prompt=roots-silent-question").content.decode()
    code = html.split('action="/journal/')[1].split("/")[0]

    auth_client.post(
        f"/journal/{code}/edit/",
        {"body": "Maybe.", "prompt": "roots-silent-question", "editor": "prompt-page-01"},
    )

    assert "Writing about: The silent question" in html
    assert "Can I risk being open again?" in html
    assert user.journal_entries.get().prompt.key == "roots-silent-question"


def test_journal_your_feelings_opens_an_entry_with_its_own_prompt(auth_client):
    html = auth_client.get("/journal/new/?prompt=toll-honor-your-emotions").content.decode()

    assert "Journal your feelings: pour your thoughts onto the page" in html


def test_an_unknown_prompt_leaves_a_plain_new_entry_and_says_so(auth_client):
    html = auth_client.get("/journal/new/?prompt=no-such-exercise").content.decode()

    assert "That prompt is no longer in the guide" in html
    assert "Writing about" not in html


def test_reflections_and_the_journal_practice_offer_to_write_about_them(auth_client):
    roots = auth_client.get("/guide/roots-of-trust-issues/").content.decode()
    toll = auth_client.get("/guide/emotional-toll-of-broken-trust/").content.decode()

    assert 'href="/journal/new/?prompt=roots-silent-question">Write about this' in roots
    assert 'href="/journal/?prompt=roots-silent-question">' in roots
    assert 'href="/journal/new/?prompt=toll-honor-your-emotions">Journal your feelings now' in toll


def test_an_answer_too_long_for_the_guide_can_be_carried_whole_into_the_journal(auth_client, user):
    key = "love-kind-letter"
    letter = "Dear me,\n" + "you are allowed to rest. " * 1_000

    refused = auth_client.post(f"/guide/exercises/{key}/", {f"{key}-prompt-dear-me": letter})
    html = refused.content.decode()
    carried_text = html.split('<textarea name="body" hidden>')[1].split("</textarea>")[0]
    carried = auth_client.post("/journal/new/", {"body": unescape(carried_text), "prompt": key})

    assert refused.status_code == 400
    assert "press Save to carry it whole into a journal entry" in html
    assert "Carry the whole text into a new journal entry" in html
    entry = user.journal_entries.get()
    assert carried["Location"] == f"/journal/{entry.code}/edit/"
    assert letter in entry.body
    assert entry.prompt == Exercise.objects.get(key=key)


def test_carrying_nothing_is_refused(auth_client):
    assert auth_client.post("/journal/new/", {"body": ""}).status_code == 400
    assert not Entry.objects.exists()

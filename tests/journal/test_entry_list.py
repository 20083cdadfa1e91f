"""The journal list: newest first, a page at a time, the same few queries at any size."""

from __future__ import annotations

import datetime

import pytest

from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db


def test_entries_are_listed_newest_first_with_their_title_or_first_words(auth_client, user):
    make_entry(user, title="Older", entry_date=datetime.date(2026, 1, 1))
    make_entry(user, body="No title, just these words", entry_date=datetime.date(2026, 2, 1))

    html = auth_client.get("/journal/").content.decode()

    assert html.index("No title, just these words") < html.index("Older")


def test_a_row_shows_the_date_title_first_words_mood_and_tags(auth_client, user):
    long = "Words " * 40
    make_entry(user, title="Rain", body=long, mood=4, tags=["home", "Ana & me"])
    make_entry(user, body="", mood=2, entry_date=datetime.date(2026, 5, 3))

    html = auth_client.get("/journal/").content.decode()

    assert '<span class="entry-row__date">Mon 4 May 2026</span>' in html
    assert '<span class="entry-row__title" dir="auto">Rain</span>' in html
    assert f'<p class="entry-row__excerpt" dir="auto">{long[:159].strip()}' in html
    assert "…</p>" in html
    assert "<span>Mood: " in html
    assert '<span class="tag" dir="auto">Ana &amp; me</span>' in html
    assert '<span class="entry-row__title" dir="auto">Untitled</span>' in html


def test_the_list_is_paged_twenty_at_a_time(auth_client, user):
    for day in range(1, 23):
        make_entry(user, title=f"Day {day:02d}", entry_date=datetime.date(2026, 3, day))

    first = auth_client.get("/journal/").content.decode()
    second = auth_client.get("/journal/?page=2").content.decode()

    assert "Day 22" in first and "Day 03" in first and "Day 02" not in first
    assert "Day 02" in second and "Day 01" in second and "Day 22" not in second
    assert "Page 1 of 2" in first and 'href="?page=2"' in first


@pytest.mark.parametrize("page", ["-1", "0", "abc", "2", "99999999999999999999"])
def test_a_page_that_is_not_there_gets_a_clear_message_not_an_error(auth_client, user, page):
    make_entry(user)

    response = auth_client.get(f"/journal/?page={page}")

    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()


def test_trashed_entries_are_not_in_the_list(auth_client, user):
    make_entry(user, title="Gone for now").move_to_trash()

    assert "Gone for now" not in auth_client.get("/journal/").content.decode()


def test_an_empty_journal_says_so_kindly(auth_client):
    html = auth_client.get("/journal/").content.decode()

    assert "Your journal is empty, and that is fine." in html


def test_entries_written_about_a_prompt_can_be_listed(auth_client, user):
    from healing.models import Exercise

    prompt = Exercise.objects.get(key="roots-silent-question")
    about = make_entry(user, title="About the question")
    about.prompt = prompt
    about.save(update_fields=["prompt"])
    make_entry(user, title="Something else")

    html = auth_client.get("/journal/?prompt=roots-silent-question").content.decode()

    assert "About the question" in html and "Something else" not in html
    assert "Entries written about" in html


def test_the_list_costs_the_same_queries_for_ten_or_fifty_entries(
    auth_client, user, django_assert_max_num_queries
):
    for n in range(10):
        make_entry(user, title=f"E{n}", tags=["a", "b"], mood=3)
    auth_client.get("/journal/")
    # Session, person, the count, the page, its tags, and the person's tags for the filter.
    with django_assert_max_num_queries(6) as ten:
        auth_client.get("/journal/")
    for n in range(40):
        make_entry(user, title=f"F{n}", tags=["a"])

    with django_assert_max_num_queries(len(ten.captured_queries)):
        auth_client.get("/journal/")


def test_a_tag_on_many_rows_is_opened_once_for_the_page(auth_client, user, monkeypatch):
    from accounts import crypto

    for n in range(5):
        make_entry(user, title=f"E{n}", tags=["shared"])
    opened = []
    decrypt = crypto.decrypt
    monkeypatch.setattr(
        crypto, "decrypt", lambda who, token: opened.append(token) or decrypt(who, token)
    )

    html = auth_client.get("/journal/").content.decode()

    assert html.count('<span class="tag" dir="auto">shared</span>') == 5
    assert len(opened) == len(set(opened))

"""Writing an entry: created once, saved as typed, conflicts kept, bad input explained."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client

from journal.models import Entry, Revision
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
PAGE_A = "page-a-000000001"
PAGE_B = "page-b-000000001"


def autosave(client: Client, code: uuid.UUID, base: int = 0, editor: str = PAGE_A, **fields):
    data = {"autosave": "1", "base": str(base), "editor": editor, **fields}
    return client.post(f"/journal/{code}/edit/", data, headers=HTMX)


def test_the_new_page_gives_the_entry_its_address_from_the_start(auth_client):
    html = auth_client.get("/journal/new/").content.decode()

    assert 'action="/journal/' in html and '/edit/" data-autosave' in html
    assert f'value="{datetime.date.today().isoformat()}"' in html  # today, where the person is


def test_the_first_save_creates_the_entry_once_however_often_it_is_retried(auth_client, user):
    code = uuid.uuid4()

    for _ in range(3):
        response = autosave(auth_client, code, body="First words")

    assert response.status_code == 200
    assert 'data-base="1"' in response.content.decode()
    entry = user.journal_entries.get()
    assert (entry.code, entry.body, entry.entry_date) == (code, "First words", user.today())


def test_an_autosave_answers_with_the_status_line_only(auth_client):
    response = autosave(auth_client, uuid.uuid4(), body="Hello")

    html = response.content.decode().strip()
    assert html.startswith('<p class="save-status"')
    assert "Saved " in html
    assert "<form" not in html


def test_nothing_typed_in_a_new_entry_creates_nothing_and_says_nothing(auth_client):
    response = autosave(auth_client, uuid.uuid4(), body="   ", title="")

    assert response.status_code == 200
    assert 'role="status"></p>' in response.content.decode()
    assert not Entry.objects.exists()


def test_a_plain_post_saves_everything_and_opens_the_entry(auth_client, user):
    code = uuid.uuid4()

    response = auth_client.post(
        f"/journal/{code}/edit/",
        {
            "title": "Sunday",
            "body": "Line one\r\nLine two\r\n",
            "entry_date": "2026-03-14",
            "mood": "4",
            "feelings": ["hope", "calm"],
            "feelings-hope": "3",
            "tags": "family,  Work , family",
            "editor": PAGE_A,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/journal/{code}/"
    entry = user.journal_entries.get()
    content = entry.content()
    assert content.title == "Sunday"
    assert content.body == "Line one\nLine two\n"
    assert content.entry_date == datetime.date(2026, 3, 14)
    assert content.mood == 4
    assert content.feelings == {"hope": 3, "calm": 2}
    assert sorted(content.tags) == ["Work", "family"]


def test_tags_are_one_per_name_whatever_the_case_or_spacing(auth_client, user):
    make_entry(user, tags=["Family"])

    autosave(auth_client, uuid.uuid4(), body="x", tags="family ,  FAMILY")

    assert user.journal_tags.count() == 1


def test_an_empty_save_of_a_new_entry_without_javascript_says_what_to_do(auth_client):
    response = auth_client.post(f"/journal/{uuid.uuid4()}/edit/", {"body": ""})

    assert response.status_code == 400
    assert "nothing to save yet" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("entry_date", "2024-02-30", "Enter a real date"),
        ("entry_date", "1066-10-14", "between 1900 and a year from now"),
        ("mood", "9", "Choose a mood from 1 to 5"),
        ("feelings", "smugness", "is not one of the choices"),
        ("body", "💙" * 200_001, "up to 200,000 characters; this one has 200,001"),
        ("title", "t" * 201, "up to 200 characters"),
        ("tags", ",".join(f"t{n}" for n in range(21)), "up to 20 tags"),
        ("tags", "x" * 41, "up to 40 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    auth_client, field, value, message
):
    code = uuid.uuid4()
    kept = "Words that must not be lost"
    data = {"body": kept, "title": "Kept title", field: value, "editor": PAGE_A}

    response = auth_client.post(f"/journal/{code}/edit/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert (kept in html) or field == "body"
    assert "Kept title" in html or field == "title"
    assert not Entry.objects.exists()


def test_a_refused_autosave_says_why_in_the_status(auth_client):
    response = autosave(auth_client, uuid.uuid4(), body="ok", entry_date="2024-13-01")

    assert response.status_code == 400
    assert "Not saved — Enter a real date" in response.content.decode()


def test_a_body_of_two_hundred_thousand_four_byte_characters_saves(auth_client, user):
    body = "🌧" * 200_000

    assert autosave(auth_client, uuid.uuid4(), body=body).status_code == 200
    assert user.journal_entries.get().body == body


def test_a_retried_save_whose_reply_was_lost_is_not_a_conflict(auth_client, user):
    code = uuid.uuid4()
    autosave(auth_client, code, body="One")
    autosave(auth_client, code, base=1, body="One two")

    retry = autosave(auth_client, code, base=1, body="One two three")

    assert retry.status_code == 200
    assert user.journal_entries.get().body == "One two three"


def test_two_pages_saving_from_one_base_raise_a_conflict_and_keep_both(auth_client, user):
    code = uuid.uuid4()
    autosave(auth_client, code, body="Base text")
    autosave(auth_client, code, base=1, body="Base text, from A")

    response = autosave(auth_client, code, base=1, editor=PAGE_B, body="Base text, from B")

    html = response.content.decode()
    assert response.status_code == 409
    assert "also changed in another tab" in html
    assert "from <del>" in html and "from <ins>" in html
    entry = user.journal_entries.get()
    assert entry.body == "Base text, from A"
    aside = entry.revisions.get(kind=Revision.Kind.ASIDE)
    assert aside.content().body == "Base text, from B"


def conflicted(client: Client, user) -> tuple[Entry, Revision]:
    code = uuid.uuid4()
    autosave(client, code, body="Mine from A")
    autosave(client, code, base=0, editor=PAGE_B, body="Mine from B")
    entry = user.journal_entries.get(code=code)
    return entry, entry.revisions.get(kind=Revision.Kind.ASIDE)


def settle(client: Client, entry: Entry, aside: Revision, keep: str, **fields):
    data = {"resolve": str(aside.code), "keep": keep, "base": "1", "editor": PAGE_B, **fields}
    return client.post(f"/journal/{entry.code}/edit/", data)


def test_keeping_this_tabs_version_keeps_the_other_in_the_history(auth_client, user):
    entry, aside = conflicted(auth_client, user)

    response = settle(auth_client, entry, aside, "mine")

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Mine from B"
    bodies = {r.kind: r.content().body for r in entry.revisions.all()}
    assert bodies == {Revision.Kind.EDIT: "Mine from A", Revision.Kind.ASIDE: "Mine from B"}


def test_keeping_the_other_version_writes_nothing(auth_client, user):
    entry, aside = conflicted(auth_client, user)

    settle(auth_client, entry, aside, "theirs")

    entry.refresh_from_db()
    assert entry.body == "Mine from A"
    assert entry.save_count == 1


def test_a_merged_version_is_saved_and_both_stay_in_the_history(auth_client, user):
    entry, aside = conflicted(auth_client, user)

    settle(auth_client, entry, aside, "merged", body="A and B together")

    entry.refresh_from_db()
    assert entry.body == "A and B together"
    assert sorted(r.content().body for r in entry.revisions.all()) == [
        "Mine from A",
        "Mine from B",
    ]


def test_a_merge_that_is_too_long_is_refused_and_kept_in_the_conflict_view(auth_client, user):
    entry, aside = conflicted(auth_client, user)

    response = settle(auth_client, entry, aside, "merged", body="x" * 200_001)

    assert response.status_code == 400
    assert "up to 200,000 characters" in response.content.decode()
    assert "also changed in another tab" in response.content.decode()


def test_another_entrys_kept_text_cannot_settle_this_one(auth_client, user):
    entry, _ = conflicted(auth_client, user)
    _, other_aside = conflicted(auth_client, user)

    assert settle(auth_client, entry, other_aside, "mine").status_code == 404


def test_editing_an_entry_shows_what_it_holds(auth_client, user):
    entry = make_entry(user, title="Held", tags=["rest"], mood=2, feelings={"hope": 1})

    html = auth_client.get(f"/journal/{entry.code}/edit/").content.decode()

    assert 'value="Held"' in html
    assert 'value="rest"' in html
    assert 'name="mood" value="2" id="id_mood_2" checked' in html
    assert 'name="feelings" value="hope" id="id_feelings-hope" checked' in html
    assert 'name="feelings-hope" value="1" id="id_feelings-hope-1" checked' in html


def test_a_wrong_method_is_refused(auth_client, user):
    entry = make_entry(user)

    assert auth_client.put(f"/journal/{entry.code}/edit/").status_code == 405
    assert auth_client.post(f"/journal/{entry.code}/").status_code == 405


def test_an_autosave_costs_a_few_queries(auth_client, user, django_assert_max_num_queries):
    code = uuid.uuid4()
    autosave(auth_client, code, body="One", tags="a, b")

    # Session, person, the entry (locked) and its tags, its update, in a savepoint; two more
    # to change the search index by difference, as a new word came.
    with django_assert_max_num_queries(9):
        autosave(auth_client, code, base=1, body="One two", tags="a, b")
    with django_assert_max_num_queries(7):
        autosave(auth_client, code, base=2, body="One two.", tags="a, b")

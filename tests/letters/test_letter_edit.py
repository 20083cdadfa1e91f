"""Writing a letter: created once, autosaved as typed, conflicts kept, bad input explained."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client

from letters.forms import months_later
from letters.models import Letter
from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
PAGE_A = "page-a-000000001"
PAGE_B = "page-b-000000001"


def in_days(user, days: int) -> str:
    return (user.today() + datetime.timedelta(days=days)).isoformat()


def autosave(client: Client, code: uuid.UUID, base: int = 0, editor: str = PAGE_A, **fields):
    data = {"autosave": "1", "base": str(base), "editor": editor, **fields}
    return client.post(f"/letters/{code}/edit/", data, headers=HTMX)


def test_the_new_page_gives_the_letter_its_address_and_quick_choices(auth_client, user):
    html = auth_client.get("/letters/new/").content.decode()

    assert 'action="/letters/' in html and '/edit/" data-autosave' in html
    in_six_months = months_later(user.today(), 6).isoformat()
    assert f'value="{in_six_months}" id="id_when_1" checked>' in html  # seen, and changeable
    assert html.count(" checked") == 1
    for words in ("In a month", "In six months", "In a year", "On a date I choose"):
        assert words in html
    assert f'min="{in_days(user, 1)}"' in html


def test_the_first_autosave_creates_the_letter_once_however_often_it_is_retried(auth_client, user):
    code = uuid.uuid4()

    for _ in range(3):
        response = autosave(auth_client, code, body="Dear me,", when=in_days(user, 40))

    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<p class="save-status"') and 'data-base="1"' in html
    letter = user.letters.get()
    assert (letter.code, letter.body, letter.arrives_on.isoformat()) == (
        code,
        "Dear me,",
        in_days(user, 40),
    )


def test_nothing_typed_in_a_new_letter_creates_nothing_and_says_nothing(auth_client, user):
    response = autosave(auth_client, uuid.uuid4(), body="  ", when=in_days(user, 40))

    assert response.status_code == 200
    assert 'role="status"></p>' in response.content.decode()
    assert not Letter.objects.exists()


def test_an_emptied_letter_is_not_sealed_and_says_what_to_do(auth_client, user):
    letter = make_letter(user, "Dear me,", days=40)
    response = auth_client.post(
        f"/letters/{letter.code}/edit/",
        {"body": "   ", "when": in_days(user, 40), "base": "1", "editor": "a-page-of-mine"},
    )

    assert response.status_code == 400
    assert "This letter is empty, so it was not sealed" in response.content.decode()
    letter.refresh_from_db()
    assert letter.body == "Dear me,"


def test_a_typed_date_wins_over_the_quick_choice_beside_it(auth_client, user):
    code = uuid.uuid4()

    response = auth_client.post(
        f"/letters/{code}/edit/",
        {"body": "Dear me,\r\nhello", "when": in_days(user, 30), "on_date": "2031-05-06"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/letters/"
    letter = user.letters.get()
    assert (letter.body, letter.arrives_on) == ("Dear me,\nhello", datetime.date(2031, 5, 6))
    assert "Sealed until 6 May 2031" in auth_client.get("/letters/").content.decode()


def test_editing_a_sealed_letter_keeps_its_day_unless_changed(auth_client, user):
    letter = make_letter(user, days=45)
    html = auth_client.get(f"/letters/{letter.code}/edit/").content.decode()

    assert 'value="date" id="id_when_3" checked>' in html
    assert f'name="on_date" value="{letter.arrives_on.isoformat()}"' in html
    response = autosave(
        auth_client,
        letter.code,
        base=letter.save_count,
        body="Changed words",
        when="date",
        on_date=letter.arrives_on.isoformat(),
    )

    assert response.status_code == 200
    letter.refresh_from_db()
    assert (letter.body, letter.save_count) == ("Changed words", 2)


def test_an_arrived_letter_is_not_edited_but_read(auth_client, user):
    letter = make_letter(user, days=0)

    response = auth_client.get(f"/letters/{letter.code}/edit/")

    assert response.status_code == 302
    assert response["Location"] == f"/letters/{letter.code}/"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"when": "date", "on_date": "2020-01-01"}, "Choose a day from tomorrow on"),
        ({"when": "date", "on_date": "today"}, "Enter a real date"),
        ({"when": "date", "on_date": "2027-02-30"}, "Enter a real date"),
        ({"when": "date"}, "Choose the day it should arrive."),
        ({"when": "2099-13-40"}, "Choose one of the times offered"),
        ({"when": "soon"}, "Choose one of the times offered"),
        ({"when": "date", "on_date": "2090-01-01"}, "within the next 20 years"),
        ({"body": "💌" * 100_001}, "up to 100,000 characters; this one has 100,001"),
    ],
)
def test_bad_input_gets_a_clear_message_and_loses_nothing(auth_client, user, fields, message):
    kept = "Words that must not be lost"
    data = {"body": kept, "when": in_days(user, 30), "editor": PAGE_A, **fields}

    response = auth_client.post(f"/letters/{uuid.uuid4()}/edit/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert data["body"] in html  # the whole text is still on the page, unsaved
    assert not Letter.objects.exists()


def test_a_letter_for_today_is_refused_kindly(auth_client, user):
    response = autosave(auth_client, uuid.uuid4(), body="Hi", when="date", on_date=in_days(user, 0))

    assert response.status_code == 400
    assert "Not saved — Choose a day from tomorrow on" in response.content.decode()


def test_a_pasted_letter_of_thirty_thousand_characters_saves_whole(auth_client, user):
    body = ("A long, careful paragraph. " * 1200)[:30_000]

    response = autosave(auth_client, uuid.uuid4(), body=body, when=in_days(user, 60))

    assert response.status_code == 200
    assert user.letters.get().body == body


def test_a_retried_save_whose_reply_was_lost_is_not_a_conflict(auth_client, user):
    letter = make_letter(user)
    fields = {"body": "Second", "when": "date", "on_date": letter.arrives_on.isoformat()}

    autosave(auth_client, letter.code, base=1, editor=PAGE_A, **fields)
    response = autosave(auth_client, letter.code, base=1, editor=PAGE_A, **fields)

    assert response.status_code == 200
    letter.refresh_from_db()
    assert (letter.body, letter.save_count) == ("Second", 2)


@pytest.fixture
def conflict(auth_client, user):
    letter = make_letter(user, body="First words")
    day = letter.arrives_on.isoformat()
    autosave(auth_client, letter.code, base=1, editor=PAGE_A, body="From A", on_date=day)
    response = autosave(auth_client, letter.code, base=1, editor=PAGE_B, body="From B", on_date=day)
    return letter, response


def test_a_stale_save_is_kept_aside_and_both_texts_are_shown(conflict):
    letter, response = conflict

    html = response.content.decode()
    assert response.status_code == 409
    assert "also changed in another tab" in html
    assert "Only here: </span>A</del>" in html and "Only here: </span>B</ins>" in html
    letter.refresh_from_db()
    assert letter.body == "From A"
    assert letter.asides.get().content().body == "From B"


@pytest.mark.parametrize(("keep", "body"), [("theirs", "From A"), ("mine", "From B")])
def test_the_person_chooses_which_text_to_keep(auth_client, conflict, keep, body):
    letter, _ = conflict
    aside = letter.asides.get()

    response = auth_client.post(
        f"/letters/{letter.code}/edit/",
        {"resolve": str(aside.code), "keep": keep, "base": "2", "editor": PAGE_B},
    )

    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body == body
    assert not letter.asides.exists()


def test_a_merge_is_saved_as_written(auth_client, conflict):
    letter, _ = conflict
    aside = letter.asides.get()
    data = {
        "resolve": str(aside.code),
        "keep": "merged",
        "base": "2",
        "editor": PAGE_B,
        "body": "From A and B",
        "when": "date",
        "on_date": letter.arrives_on.isoformat(),
    }

    assert auth_client.post(f"/letters/{letter.code}/edit/", data).status_code == 302
    letter.refresh_from_db()
    assert letter.body == "From A and B"


def test_a_merge_with_a_past_date_keeps_the_conflict_open_and_says_why(auth_client, conflict):
    letter, _ = conflict
    aside = letter.asides.get()
    data = {
        "resolve": str(aside.code),
        "keep": "merged",
        "base": "2",
        "editor": PAGE_B,
        "body": "Merged",
        "when": "date",
        "on_date": "2001-01-01",
    }

    response = auth_client.post(f"/letters/{letter.code}/edit/", data)

    assert response.status_code == 400
    assert "Choose a day from tomorrow on" in response.content.decode()
    assert letter.asides.exists()


def test_wrong_methods_are_refused(auth_client, user):
    letter = make_letter(user)

    assert auth_client.put(f"/letters/{letter.code}/edit/").status_code == 405
    assert auth_client.post("/letters/").status_code == 405
    assert auth_client.post("/letters/new/").status_code == 405
    assert auth_client.get(f"/letters/{letter.code}/open/").status_code == 405


def test_an_htmx_request_for_the_editor_gets_the_fragment(auth_client, user):
    letter = make_letter(user)

    html = auth_client.get(f"/letters/{letter.code}/edit/", headers=HTMX).content.decode()

    assert html.lstrip().startswith('<section class="editor"')


@pytest.mark.parametrize(
    "path",
    ["/letters/", "/letters/new/", f"/letters/{uuid.uuid4()}/", f"/letters/{uuid.uuid4()}/edit/"],
)
def test_a_visitor_is_asked_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_months_later_keeps_the_day_or_the_months_last_day():
    assert months_later(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert months_later(datetime.date(2028, 2, 29), 12) == datetime.date(2029, 2, 28)
    assert months_later(datetime.date(2026, 12, 2), 6) == datetime.date(2027, 6, 2)


def test_an_arrived_letter_cannot_be_rewritten_or_sealed_again_by_a_post(auth_client, user):
    """A page left open until the letter's day, or a crafted post: the letter stays as
    written, on its day, and the person is told why nothing was saved."""
    letter = make_letter(user, body="As I wrote it.", days=0)
    fields = {"body": "Rewritten.", "when": in_days(user, 30)}

    typed = autosave(auth_client, letter.code, base=letter.save_count, **fields)
    sealed = auth_client.post(
        f"/letters/{letter.code}/edit/",
        {"base": str(letter.save_count), "editor": PAGE_A, **fields},
        follow=True,
    )

    assert typed.status_code == 400
    assert "Not saved — This letter has arrived, so it stays as you wrote it." in typed.text
    assert sealed.redirect_chain == [(letter.get_absolute_url(), 302)]
    assert "This letter has arrived, so it stays as you wrote it." in sealed.text
    letter.refresh_from_db()
    assert (letter.body, letter.arrives_on) == ("As I wrote it.", user.today())

"""Letters in a real Chromium: written and sent forward by keyboard alone, and every
letter page clean for axe in both colour schemes, on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import Exercise
from letters.forms import months_later
from tests.accounts.factories import UserFactory
from tests.healing.factories import ResponseFactory
from tests.letters.factories import make_letter
from tests.waiting import eventually

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved \d\d:\d\d")
STATUS = "#editor-status"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def writer(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    person = UserFactory(email="letter-writer@example.com")
    sign_in(person)
    return person


def test_a_letter_is_written_and_its_day_chosen_by_keyboard_alone(visit, writer):
    page = visit("/letters/new/")
    keyboard = page.page.keyboard
    page.page.locator("#id_body").focus()

    keyboard.type("Dear me, I hope the mornings are lighter now.")
    keyboard.press("Tab")  # to the chosen quick choice, "In six months"
    keyboard.press("ArrowDown")  # "In a year"
    expect(page.page.locator("#id_when_2")).to_be_focused()
    expect(page.page.locator("#id_when_2")).to_be_checked()
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)

    in_a_year = months_later(writer.today(), 12)
    eventually(lambda: writer.letters.get().arrives_on == in_a_year)
    letter = writer.letters.get()
    assert letter.body == "Dear me, I hope the mornings are lighter now."
    assert page.page.url.endswith(f"/letters/{letter.code}/edit/")

    keyboard.press("ArrowDown")  # "On a date I choose"
    keyboard.press("Tab")  # to the date
    expect(page.page.locator("#id_on_date")).to_be_focused()
    keyboard.type("03142030")  # month, day, year: the en-US date field (tests/conftest.py)
    expect(page.page.locator("#id_on_date")).to_have_value("2030-03-14")
    keyboard.press("Tab")  # past the date field's own calendar button
    keyboard.press("Tab")
    expect(page.page.get_by_role("button", name="Seal this letter")).to_be_focused()
    keyboard.press("Enter")

    expect(page.page.locator("h1")).to_have_text("Letters to my future self")
    expect(page.page.locator(".letter-row__sealed")).to_have_text("Sealed until 14 March 2030")
    letter.refresh_from_db()
    assert str(letter.arrives_on) == "2030-03-14"


def test_opening_early_is_a_calm_choice_by_keyboard(visit, writer):
    letter = make_letter(writer, body="For later, but here now.", days=20)
    page = visit(f"/letters/{letter.code}/")

    expect(page.page.get_by_text("For later, but here now.")).to_have_count(0)
    page.page.get_by_role("button", name="Open it now").focus()
    page.page.keyboard.press("Enter")

    expect(page.page.locator(".letter__body")).to_have_text("For later, but here now.")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_every_letter_page_is_accessible_and_never_scrolls_sideways(visit, writer, viewport):
    empty = visit("/letters/")
    empty.page.set_viewport_size(viewport)
    empty.assert_accessible()
    sealed = make_letter(writer, body="Sealed words " * 40, days=30)
    arrived = make_letter(writer, body="Dear me,\n\n" + "w" * 300, days=-1)
    make_letter(writer, body="Here today", days=0)

    paths = [
        "/letters/",
        "/letters/new/",
        f"/letters/{sealed.code}/",
        f"/letters/{sealed.code}/edit/",
        f"/letters/{sealed.code}/delete/",
        f"/letters/{arrived.code}/",
        "/",
    ]
    for path in paths:
        page = visit(path)
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        assert page.third_party_requests() == []
        sideways = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"{path} scrolls {sideways}px sideways at {viewport}"
        page.page.close()


def test_two_tabs_on_one_letter_show_both_and_keep_the_one_chosen(visit, writer):
    letter = make_letter(writer, body="Start.", days=40)
    first = visit(f"/letters/{letter.code}/edit/")
    second = visit(f"/letters/{letter.code}/edit/")

    first.page.locator("#id_body").fill("Start. Written on the phone.")
    expect(first.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    second.page.locator("#id_body").fill("Start. Written on the laptop.")

    conflict = second.page.locator("[data-conflict]")
    expect(conflict).to_contain_text("also changed in another tab", timeout=10_000)
    expect(conflict.locator("ins").first).to_contain_text("laptop")
    second.assert_accessible()
    second.page.get_by_role("button", name="Keep this tab's version").click()

    expect(second.page.locator("#id_body")).to_have_value("Start. Written on the laptop.")
    letter.refresh_from_db()
    assert letter.body == "Start. Written on the laptop."


def test_the_kind_letter_is_sent_forward_by_keyboard(visit, writer):
    exercise = Exercise.objects.get(key="love-kind-letter")
    ResponseFactory(user=writer, exercise=exercise, answer={"prompts": {"dear-me": "Be gentle."}})
    page = visit("/guide/learning-to-love-again/")
    page.assert_accessible()

    page.page.get_by_role("link", name="Send this letter to your future self").focus()
    page.page.keyboard.press("Enter")

    expect(page.page.locator("#id_body")).to_have_value("Dear me,\n\nBe gentle.")
    assert not writer.letters.exists()  # seen first, kept only when sealed
    page.page.get_by_role("button", name="Seal this letter").focus()
    page.page.keyboard.press("Enter")
    expect(page.page.locator(".letter-row__sealed")).to_have_count(1)
    assert writer.letters.get().body == "Dear me,\n\nBe gentle."

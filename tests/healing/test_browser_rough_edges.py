"""Issue 12's rough edges in a real Chromium: quiet empty exercises, signing in again
without losing the page, focus that stays put, the practice table, print and direction."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved \d\d:\d\d")
CHAPTER = "/guide/roots-of-trust-issues/"
TEXTAREA = "#id_roots-ask-yourself-prompt-trigger-doubt"
STATUS = "#exercise-roots-ask-yourself-status"
SECTION = "#exercise-roots-ask-yourself"


@pytest.fixture
def signed_in(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    person = UserFactory(email="edges-reader@example.com")
    sign_in(person)
    return person


def test_an_exercise_typed_in_then_emptied_again_says_nothing(visit, signed_in):
    page = visit(CHAPTER)
    status = page.page.locator(STATUS)
    expect(status).to_have_text("")

    page.page.locator(TEXTAREA).press_sequentially("a")
    expect(status).to_have_text("Changes not saved yet")
    page.page.locator(TEXTAREA).press("Backspace")

    expect(status).to_have_text("")
    page.page.wait_for_timeout(2_000)  # past the autosave's pause
    expect(status).to_have_text("")
    assert not signed_in.guide_responses.exists()


def test_signed_out_the_status_offers_sign_in_in_a_new_tab_and_the_page_keeps_its_words(
    visit, signed_in, browser_context
):
    page = visit(CHAPTER)
    browser_context.clear_cookies()  # the session expired, the CSRF cookie is gone
    page.page.locator(TEXTAREA).press_sequentially("Written while signed out")
    status = page.page.locator(STATUS)
    link = status.get_by_role("link", name="sign in again in a new tab")
    expect(link).to_have_attribute("target", "_blank", timeout=10_000)
    expect(status).to_contain_text("your text is still here")

    with browser_context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.get_by_label("Email").fill(signed_in.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(re.compile(re.escape(CHAPTER) + "$"))
    tab.close()
    page.page.bring_to_front()
    page.page.evaluate("window.dispatchEvent(new Event('focus'))")

    expect(status).to_have_text(SAVED, timeout=5_000)  # at once, not after the back-off
    expect(page.page.locator(TEXTAREA)).to_have_value("Written while signed out")
    answer = signed_in.guide_responses.get().answer
    assert answer["prompts"]["trigger-doubt"] == "Written while signed out"


def test_focus_stays_on_save_after_saving(visit, signed_in):
    page = visit(CHAPTER)
    page.page.locator(TEXTAREA).fill("Kept by the button")
    save = page.page.locator(SECTION).get_by_role("button", name="Save", exact=True)
    save.focus()
    page.page.keyboard.press("Enter")

    expect(page.page.locator(STATUS)).to_have_text(SAVED)
    expect(
        page.page.locator(SECTION).get_by_role("button", name="Save", exact=True)
    ).to_be_focused()


def test_focus_follows_an_item_moved_up_or_down(visit, signed_in, client):
    key = "love-healthy-boundaries"
    client.force_login(signed_in)
    client.post(f"/guide/exercises/{key}/", {f"{key}-item": ["One", "Two", "Three"]})
    page = visit("/guide/learning-to-love-again/")
    loads: list[str] = []
    page.page.on("load", lambda loaded: loads.append(loaded.url))
    section = page.page.locator(f"#exercise-{key}")

    section.locator('button[value="up:2"]').focus()
    page.page.keyboard.press("Enter")  # Three moves up: its Up button keeps the focus
    expect(section.locator('button[value="up:1"]')).to_be_focused()
    page.page.keyboard.press("Enter")  # to the top, where Up is disabled: its text then
    expect(section.locator(f"#exercise-{key}-item-1")).to_have_value("Three")
    expect(section.locator(f"#exercise-{key}-item-1")).to_be_focused()

    section.locator('button[value="down:0"]').focus()
    page.page.keyboard.press("Enter")
    expect(section.locator('button[value="down:1"]')).to_be_focused()
    assert signed_in.guide_responses.get().answer == {"items": ["One", "Three", "Two"]}
    assert loads == [], "a press came before htmx had the new form, and posted the page"


def test_changing_a_practice_plan_redraws_the_days_table_at_once(visit, signed_in):
    plan = "toll-honor-your-emotions"
    page = visit("/guide/emotional-toll-of-broken-trust/")
    section = page.page.locator(f"#exercise-{plan}")
    expect(section.locator("[data-practice-days]")).to_have_count(0)

    section.get_by_label("Seek support", exact=True).select_option("daily")
    row = section.get_by_role("row", name=re.compile("^Seek support"))
    expect(row).to_be_visible(timeout=10_000)
    row.get_by_role("checkbox").first.check()
    expect(section.locator("[data-tick-status]")).to_have_text("Days saved")
    section.get_by_label("Journal your feelings", exact=True).select_option("weekly")

    expect(section.get_by_role("row", name=re.compile("^Journal your feelings"))).to_be_visible()
    expect(row.get_by_role("checkbox").first).to_be_checked()
    section.get_by_label("Seek support", exact=True).select_option("")
    expect(row).to_have_count(0)
    page.assert_accessible()


def test_a_phone_in_dark_mode_prints_dark_text_on_white_and_every_text_box_whole(visit, signed_in):
    long_answer = "\n".join(f"Line {n} of what I wrote." for n in range(1, 41))
    page = visit(CHAPTER)
    page.page.set_viewport_size({"width": 390, "height": 844})
    page.page.locator(TEXTAREA).fill(long_answer)
    page.page.emulate_media(media="print", color_scheme="dark")

    colours = page.page.evaluate(
        """() => [document.body, document.querySelector('main p'),
                  document.querySelector('textarea')].map((e) => {
            const style = getComputedStyle(e);
            return [style.color, style.backgroundColor];
        })"""
    )
    assert colours[0] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert colours[1][0] == "rgb(0, 0, 0)"
    assert colours[2] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    cut = page.page.evaluate(
        """() => [...document.querySelectorAll('textarea')]
            .filter((t) => t.scrollHeight > t.clientHeight + 1).map((t) => t.id)"""
    )
    assert cut == []
    box = page.page.locator(TEXTAREA).bounding_box()
    assert box is not None and box["height"] > 40 * 16  # forty lines, not a scrolling box


def test_text_fields_take_their_direction_from_what_is_typed_and_buttons_share_one_face(
    visit, signed_in
):
    page = visit(CHAPTER)
    fields = page.page.evaluate(
        """() => [...document.querySelectorAll('main textarea, main input[type=text]')]
            .filter((f) => f.getAttribute('dir') !== 'auto').map((f) => f.id)"""
    )
    assert fields == []
    page.page.locator(TEXTAREA).fill("مرحبا، هذا ما كتبته")
    direction = page.page.locator(TEXTAREA).evaluate("(t) => getComputedStyle(t).direction")
    assert direction == "rtl"
    faces = page.page.evaluate(
        """() => [...new Set([...document.querySelectorAll('button, .button')]
            .map((b) => getComputedStyle(b).fontFamily))]"""
    )
    assert len(faces) == 1, faces
    page.visit("/journal/new/")
    assert page.page.locator("#id_tags").get_attribute("dir") == "auto"

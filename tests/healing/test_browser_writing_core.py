"""The writing core in a real Chromium: two tabs, practice days, feelings chips, widths."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import PracticeTick
from tests.accounts.factories import UserFactory
from tests.healing.test_chapter import SLUGS
from tests.waiting import eventually

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAPTER = "/guide/roots-of-trust-issues/"
SILENT = "#exercise-roots-silent-question"
FIELD = "#id_roots-silent-question-prompt-open-again"
FEELINGS = "#exercise-toll-name-what-i-feel"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def signed_in(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    person = UserFactory(email="core-reader@example.com")
    sign_in(person)
    return person


def test_two_tabs_editing_one_answer_raise_a_conflict_that_keeps_both(visit, signed_in):
    first, second = visit(CHAPTER), visit(CHAPTER)  # both drawn before either saved

    first.page.locator(FIELD).fill("Written in the first tab.")
    first.page.locator(FIELD).blur()
    expect(first.page.locator(f"{SILENT} [data-save-status]")).to_contain_text("Saved")
    second.page.locator(FIELD).fill("Written in the second tab.")
    second.page.locator(FIELD).blur()

    conflict = second.page.locator(f"{SILENT} [data-conflict]")
    expect(conflict).to_contain_text("also changed in another tab", timeout=10_000)
    expect(conflict.locator("del")).to_contain_text("first")
    expect(conflict.locator("ins")).to_contain_text("second")
    second.assert_accessible()
    second.page.get_by_role("button", name="Keep this tab's version").click()

    expect(second.page.locator(f"form[data-autosave] {FIELD}")).to_have_value(
        "Written in the second tab."
    )
    texts = {r.aside: r.answer["prompts"]["open-again"] for r in signed_in.guide_responses.all()}
    assert texts == {False: "Written in the second tab.", True: "Written in the first tab."}


def test_a_merge_is_written_in_the_conflict_view_and_both_originals_stay(visit, signed_in):
    first, second = visit(CHAPTER), visit(CHAPTER)
    first.page.locator(FIELD).fill("Slowly.")
    first.page.locator(FIELD).blur()
    expect(first.page.locator(f"{SILENT} [data-save-status]")).to_contain_text("Saved")
    second.page.locator(FIELD).fill("Bravely.")
    second.page.locator(FIELD).blur()
    merge = second.page.locator(f"{SILENT} .conflict__merge")
    expect(merge.locator("textarea")).to_have_value("Bravely.", timeout=10_000)

    merge.locator("textarea").fill("Slowly, and bravely.")
    merge.get_by_role("button", name="Keep this combined version").click()

    expect(second.page.locator(f"form[data-autosave] {FIELD}")).to_have_value(
        "Slowly, and bravely."
    )
    stored = sorted(r.answer["prompts"]["open-again"] for r in signed_in.guide_responses.all())
    assert stored == ["Bravely.", "Slowly, and bravely.", "Slowly."]


def test_days_ticked_in_two_tabs_all_survive(visit, signed_in, client):
    plan = "toll-honor-your-emotions"
    client.force_login(signed_in)
    client.post(f"/guide/exercises/{plan}/", {f"{plan}-practice-seek-support": "daily"})
    first = visit("/guide/emotional-toll-of-broken-trust/")
    second = visit("/guide/emotional-toll-of-broken-trust/")
    boxes = f"#exercise-{plan} input[type=checkbox][name=tick]"

    first.page.locator(boxes).nth(1).check()
    expect(first.page.locator(f"#exercise-{plan} [data-tick-status]")).to_have_text("Days saved")
    second.page.locator(boxes).nth(2).check()
    expect(second.page.locator(f"#exercise-{plan} [data-tick-status]")).to_have_text("Days saved")
    second.page.locator(boxes).nth(2).uncheck()
    expect(second.page.locator(f"#exercise-{plan} [data-tick-status]")).to_have_text("Days saved")

    today = datetime.date.today()
    assert list(PracticeTick.objects.values_list("day", flat=True)) == [
        today - datetime.timedelta(days=1)
    ]


def test_feelings_are_chosen_by_keyboard_with_their_intensity(visit, signed_in):
    page = visit("/guide/emotional-toll-of-broken-trust/")
    chip = page.page.locator(f"{FEELINGS} input[value=sadness]")

    chip.focus()
    page.page.keyboard.press("Space")
    strongly = page.page.locator(f"{FEELINGS} label[for$='-feelings-sadness-3']")
    expect(strongly).to_be_visible()
    page.page.locator(f"{FEELINGS} input[name$='-feelings-sadness'][value='2']").focus()
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("Tab")

    eventually(
        lambda: signed_in.guide_responses.get().answer == {"feelings": {"sadness": 3}, "note": ""}
    )
    expect(page.page.locator(f"{FEELINGS} [data-save-status]")).to_contain_text("Saved")
    assert not page.page.locator(f"{FEELINGS} label[for$='-feelings-anger-3']").is_visible()


def test_feelings_chips_work_without_javascript(browser, live_server, signed_in, sign_in):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(signed_in)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/guide/emotional-toll-of-broken-trust/")

    page.locator(f"{FEELINGS} label[for$='-feelings-hope']").click()
    page.locator(f"{FEELINGS} label[for$='-feelings-hope-1']").click()
    page.locator(f"{FEELINGS} button", has_text="Save").first.click()

    assert page.url.endswith("#exercise-toll-name-what-i-feel")
    assert signed_in.guide_responses.get().answer == {"feelings": {"hope": 1}, "note": ""}
    context.close()


def test_the_check_in_fits_in_about_two_phone_screens(visit, signed_in):
    page = visit("/guide/emotional-toll-of-broken-trust/")
    page.page.set_viewport_size(PHONE)
    page.page.locator(f"{FEELINGS} label[for$='-feelings-sadness']").click()
    page.page.locator(f"{FEELINGS} label[for$='-feelings-anger']").click()

    height = page.page.locator(f"{FEELINGS} .fields").evaluate("el => el.offsetHeight")

    assert height < 2 * PHONE["height"], height


def test_a_live_count_appears_past_eighty_percent_of_the_limit(visit, signed_in):
    page = visit(CHAPTER)
    field = page.page.locator(FIELD)

    field.fill("a" * 15_000)
    field.press("End")
    field.press_sequentially("bc")
    expect(page.page.locator(f"{FIELD}-count")).to_be_hidden()
    field.fill("💙" * 16_500)
    field.press("End")
    field.press_sequentially("d")

    expect(page.page.locator(f"{FIELD}-count")).to_have_text("16,501 of 20,000 characters")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_every_chapter_is_accessible_and_never_scrolls_sideways(visit, signed_in, viewport):
    for slug in SLUGS:
        page = visit(f"/guide/{slug}/")
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        sideways = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"/guide/{slug}/ scrolls {sideways}px sideways at {viewport}"
        page.page.close()

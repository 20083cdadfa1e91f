"""The safety plan and the pause in a real Chromium: a visitor's plan never leaves the
page, a signed-in plan autosaves, the pause saves first, and every page passes axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import Response
from safety.models import SafetyPlan
from tests.accounts.factories import UserFactory
from tests.waiting import eventually

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "/safety-plan/"
CANARY = "canary-tide-pool-5512"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHAPTER = "/guide/roots-of-trust-issues/"
SILENT = "#exercise-roots-silent-question"
FIELD = "#id_roots-silent-question-prompt-open-again"


@pytest.fixture
def person(db):
    load_guide()  # live-server tests flush the database between tests
    return UserFactory(email="plan-maker@example.com", time_zone="Europe/London")


def watch(page) -> list[str]:
    """Every request the page makes: its address and whatever it carries."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.url}\n{request.post_data or ''}"))
    return seen


def pdf_pages(page) -> int:
    """How many sheets the page prints on, the larger of A4 and Letter."""
    page.emulate_media(media="print")
    pdfs = [page.pdf(format=paper) for paper in ("A4", "Letter")]
    page.emulate_media(media="screen")
    return max(len(re.findall(rb"/Type\s*/Page\b", pdf)) for pdf in pdfs)


def fill_a_typical_plan(page) -> None:
    page.locator("#id_warning_signs").fill(f"{CANARY} I stop answering messages\nI can't sleep")
    page.locator("#id_on_my_own").fill("A walk by the river\nA hot shower\nMy playlist")
    page.locator("#id_distractions").fill("Jo, for a film\nThe library")
    page.locator("#id_ask_for_help").fill("Sam — 07700 900123\nMy sister Ana — 07700 900456")
    page.locator("#id_safer_surroundings").fill("Ask Sam to keep my medicines for a while")
    page.locator("#id_reasons").fill("My dog\nSeeing the sea again\nThe person I am becoming")


def accessible_everywhere(page) -> None:
    for size in (DESKTOP, PHONE):
        page.page.set_viewport_size(size)
        page.assert_accessible()


def test_a_visitor_fills_and_prints_a_plan_and_no_request_carries_it(visit, db):
    page = visit(PLAN)
    seen = watch(page.page)
    accessible_everywhere(page)

    fill_a_typical_plan(page.page)
    page.page.get_by_role("button", name="My dog").click()
    page.page.locator("#id_country").select_option("US")
    page.page.get_by_role("button", name="Add these lines to my plan").click()
    expect(page.page.locator("#id_professionals")).to_have_value(re.compile("call or text 988"))
    page.page.evaluate("window.print = () => { window.printed = true; }")  # no dialog headless
    page.page.get_by_role("button", name="Print my plan").click()
    assert page.page.evaluate("window.printed") is True

    page.page.emulate_media(media="print")
    expect(page.page.locator("[data-mirror=id_warning_signs]")).to_be_visible()
    expect(page.page.locator("[data-mirror=id_warning_signs]")).to_contain_text(CANARY)
    expect(page.page.locator("#id_warning_signs")).to_be_hidden()
    page.page.emulate_media(media="screen")
    assert pdf_pages(page.page) == 1
    # Coming back to the tab asks whether someone signed in, without the plan.
    with page.page.expect_response(re.compile("/safety-plan/signed-in/")):
        page.page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert all(CANARY not in request and "My dog" not in request for request in seen), seen
    assert not SafetyPlan.objects.exists()


def test_a_visitor_who_signs_in_in_another_tab_can_save_the_plan_to_their_account(
    visit, sign_in, person
):
    page = visit(PLAN)
    seen = watch(page.page)
    page.page.locator("#id_reasons").fill(f"{CANARY} and my dog")
    expect(page.page.get_by_role("button", name="Save to my account")).to_be_hidden()

    sign_in(person)  # as if in the tab that "Sign up to keep it" opened
    # Coming back to this tab: headless tabs never become hidden, so say it happened.
    page.page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    save = page.page.get_by_role("button", name="Save to my account")
    expect(save).to_be_visible()
    assert all(CANARY not in request for request in seen)
    save.click()

    expect(page.page.locator(".message")).to_contain_text("Your safety plan is saved")
    expect(page.page.locator("#id_reasons")).to_have_value(f"{CANARY} and my dog")
    assert SafetyPlan.objects.get(user=person).content().steps["reasons"] == f"{CANARY} and my dog"


def test_a_signed_in_plan_autosaves_prints_on_one_page_and_is_accessible(visit, sign_in, person):
    sign_in(person)
    page = visit(PLAN)
    expect(page.page.locator("#id_country")).to_have_value("GB")
    expect(page.page.locator("#id_professionals")).to_have_value(re.compile("Samaritans"))
    accessible_everywhere(page)

    fill_a_typical_plan(page.page)
    page.page.locator("#id_reasons").blur()
    expect(page.page.locator("[data-save-status]")).to_contain_text("Saved")
    eventually(
        lambda: "sea again" in SafetyPlan.objects.get(user=person).content().steps["reasons"]
    )

    page.visit(PLAN)
    expect(page.page.locator("#id_warning_signs")).to_have_value(re.compile(CANARY))
    printable = visit("/safety-plan/print/")
    expect(printable.page.locator('a[href="tel:07700900123"]')).to_be_visible()
    accessible_everywhere(printable)
    assert pdf_pages(printable.page) == 1
    assert printable.third_party_requests() == []


def test_the_whole_plan_works_by_keyboard(visit, sign_in, person):
    sign_in(person)
    page = visit(PLAN)
    keys = page.page.keyboard

    def tab_to(selector: str) -> None:
        for _ in range(80):
            keys.press("Tab")
            if page.page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_warning_signs")
    keys.type("I go quiet")
    tab_to("button[data-text='I stop answering messages']")
    keys.press("Enter")
    expect(page.page.locator("#id_warning_signs")).to_have_value(
        "I go quiet\nI stop answering messages"
    )
    tab_to("#id_country")
    keys.press("ArrowDown")  # from the United Kingdom to Ireland
    expect(page.page.locator("[data-lines-text]")).to_contain_text("Samaritans")
    tab_to("#id_reasons")
    keys.type("The people who love me")
    tab_to("button[type=submit]")
    keys.press("Enter")

    expect(page.page.locator(".message")).to_contain_text("Your safety plan is saved")
    content = SafetyPlan.objects.get(user=person).content()
    assert content.steps["reasons"] == "The people who love me"
    assert content.steps["warning_signs"] == "I go quiet\nI stop answering messages"
    assert content.country == "IE"


def test_a_pause_from_an_exercise_saves_first_and_comes_back_with_the_text_in_place(
    visit, sign_in, person
):
    sign_in(person)
    page = visit(CHAPTER)
    field = page.page.locator(FIELD)
    field.fill("Words typed just before a pause")  # no pause in typing: not saved yet

    page.page.locator(f"{SILENT} a[data-pause]").click()

    panel = page.page.locator("#pause-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-pause-status]")).to_contain_text("What you wrote is saved")
    answer = Response.objects.get(user=person, exercise__key="roots-silent-question").answer
    assert answer["prompts"]["open-again"] == "Words typed just before a pause"
    expect(panel).to_contain_text("things you can see")
    page.assert_accessible()
    panel.get_by_role("button", name="Back to where I was").click()

    expect(panel).to_be_hidden()
    expect(field).to_have_value("Words typed just before a pause")
    expect(page.page.locator(f"{SILENT} a[data-pause]")).to_be_focused()


def test_the_pause_page_is_accessible_and_still_when_motion_is_reduced(visit, db):
    page = visit(f"/pause/?back={CHAPTER}")
    accessible_everywhere(page)
    circle = page.page.locator(".breath__circle")
    assert circle.evaluate("el => getComputedStyle(el).animationName") == "breathe"

    page.page.emulate_media(reduced_motion="reduce")

    assert circle.evaluate("el => getComputedStyle(el).animationName") == "none"
    page.page.get_by_role("link", name="Back to where I was").click()
    expect(page.page).to_have_url(re.compile(re.escape(CHAPTER)))


def test_a_pause_from_the_journal_editor_saves_the_new_entry_first(visit, sign_in, person):
    sign_in(person)
    page = visit("/journal/new/")
    page.page.locator("#id_body").fill("Half a thought, then a pause")

    page.page.get_by_role("link", name="Take a pause").click()

    panel = page.page.locator("#pause-panel")
    expect(panel.locator("[data-pause-status]")).to_contain_text("What you wrote is saved")
    assert person.journal_entries.get().body == "Half a thought, then a pause"
    page.page.keyboard.press("Escape")  # a dialog closes on Escape too
    expect(panel).to_be_hidden()
    expect(page.page.locator("#id_body")).to_have_value("Half a thought, then a pause")


def test_two_tabs_editing_the_plan_raise_a_conflict_that_keeps_both(visit, sign_in, person):
    sign_in(person)
    first, second = visit(PLAN), visit(PLAN)  # both drawn before either saved

    first.page.locator("#id_reasons").fill("Written in the first tab.")
    first.page.locator("#id_reasons").blur()
    expect(first.page.locator("[data-save-status]")).to_contain_text("Saved")
    second.page.locator("#id_reasons").fill("Written in the second tab.")
    second.page.locator("#id_reasons").blur()

    conflict = second.page.locator("[data-conflict]")
    expect(conflict).to_contain_text("also changed in another tab")
    expect(conflict.locator("ins")).to_contain_text("second")
    second.assert_accessible()
    second.page.get_by_role("button", name="Keep this tab's version").click()

    expect(second.page.locator("form[data-autosave] #id_reasons")).to_have_value(
        "Written in the second tab."
    )
    plan = SafetyPlan.objects.get(user=person)
    assert plan.content().steps["reasons"] == "Written in the second tab."
    kept = [version.content().steps["reasons"] for version in plan.versions.all()]
    assert "Written in the first tab." in kept
    versions = visit("/safety-plan/versions/")
    accessible_everywhere(versions)

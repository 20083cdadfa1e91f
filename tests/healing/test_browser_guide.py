"""The guide in a real Chromium: reading, answering, failing saves, then and now, keyboard."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import Chapter, Response
from tests.accounts.factories import UserFactory
from tests.healing.test_chapter import SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved \d\d:\d\d")
CHAPTER = "/guide/roots-of-trust-issues/"
TEXTAREA = "#id_roots-ask-yourself-prompt-trigger-doubt"
STATUS = "#exercise-roots-ask-yourself-status"


@pytest.fixture
def reader(db):
    load_guide()  # live-server tests flush the database between tests
    return UserFactory(email="browser-reader@example.com")


@pytest.fixture
def signed_in(reader, sign_in):
    sign_in(reader)
    return reader


def test_a_reader_answers_a_reflection_sees_it_saved_and_finds_it_after_reload(visit, signed_in):
    page = visit(CHAPTER)

    page.page.locator(TEXTAREA).press_sequentially("When a message goes unanswered.")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    page.page.reload()

    expect(page.page.locator(TEXTAREA)).to_have_value("When a message goes unanswered.")
    answer = signed_in.guide_responses.get().read()
    assert answer["prompts"]["trigger-doubt"] == "When a message goes unanswered."
    assert page.third_party_requests() == []


def test_a_failed_save_keeps_the_text_says_so_and_succeeds_on_retry(visit, signed_in):
    page = visit(CHAPTER)
    page.page.route("**/guide/exercises/**", lambda route: route.abort())

    page.page.locator(TEXTAREA).press_sequentially("Typed while offline")
    status = page.page.locator(STATUS)
    expect(status).to_contain_text("Not saved — will retry", timeout=10_000)
    expect(page.page.locator(TEXTAREA)).to_have_value("Typed while offline")
    assert not Response.objects.exists()

    page.page.unroute("**/guide/exercises/**")
    expect(status).to_have_text(SAVED, timeout=15_000)
    assert signed_in.guide_responses.get().read()["prompts"]["trigger-doubt"] == (
        "Typed while offline"
    )


def test_a_server_error_is_retried_without_losing_text(visit, signed_in):
    page = visit(CHAPTER)
    failures = []

    def fail_once(route):
        if not failures:
            failures.append(route.request.url)
            route.fulfill(status=500, body="oops")
        else:
            route.continue_()

    page.page.route("**/guide/exercises/**", fail_once)
    page.page.locator(TEXTAREA).press_sequentially("Still here")

    expect(page.page.locator(STATUS)).to_contain_text("Something went wrong on our side")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=15_000)
    expect(page.page.locator(TEXTAREA)).to_have_value("Still here")


def test_a_save_after_signing_out_keeps_the_text_and_saves_once_signed_in_again(
    visit, signed_in, browser_context, sign_in
):
    page = visit(CHAPTER)
    browser_context.clear_cookies()  # the session expired, the CSRF cookie is gone

    page.page.locator(TEXTAREA).press_sequentially("Written while signed out")
    status = page.page.locator(STATUS)
    expect(status).to_contain_text("You seem to be signed out", timeout=10_000)
    page.page.locator("#exercise-roots-ask-yourself").get_by_role("button", name="Save").click()
    expect(status).to_contain_text("Not saved — will retry")
    expect(page.page.locator(TEXTAREA)).to_have_value("Written while signed out")

    sign_in(signed_in)
    expect(status).to_have_text(SAVED, timeout=20_000)
    answer = signed_in.guide_responses.get().read()
    assert answer["prompts"]["trigger-doubt"] == "Written while signed out"


def test_answering_again_on_a_later_day_shows_then_and_now(visit, signed_in):
    page = visit(CHAPTER)
    page.page.locator(TEXTAREA).press_sequentially("Then: every silence.")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    month_ago = datetime.date.today() - datetime.timedelta(days=30)
    Response.objects.update(answered_on=month_ago)

    page.page.reload()
    page.page.locator(TEXTAREA).fill("")
    page.page.locator(TEXTAREA).press_sequentially("Now: only long silences.")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    page.visit("/reflections/")

    then_now = page.page.locator(".then-now")
    expect(then_now).to_contain_text("Then: every silence.")
    expect(then_now).to_contain_text("Now: only long silences.")
    expect(then_now).to_contain_text(month_ago.strftime("%B %Y").lstrip("0"))
    page.assert_accessible()


def test_the_list_builder_works_with_buttons(visit, signed_in):
    page = visit("/guide/learning-to-love-again/")
    field = page.page.locator("#id_love-healthy-boundaries-new_item")

    field.fill("Quiet mornings")
    field.press("Enter")
    expect(page.page.locator("#exercise-love-healthy-boundaries-item-1")).to_have_value(
        "Quiet mornings"
    )
    expect(page.page.locator("#id_love-healthy-boundaries-new_item")).to_be_focused()
    page.page.locator("#id_love-healthy-boundaries-new_item").fill("No yelling")
    page.page.get_by_role("button", name="Add").first.click()
    expect(page.page.locator("#exercise-love-healthy-boundaries-item-2")).to_have_value(
        "No yelling"
    )
    page.page.locator('#exercise-love-healthy-boundaries button[value="up:1"]').click()

    expect(page.page.locator("#exercise-love-healthy-boundaries-item-1")).to_have_value(
        "No yelling"
    )
    assert signed_in.guide_responses.get().read() == {"items": ["No yelling", "Quiet mornings"]}


def test_guide_pages_are_accessible_signed_out(visit, reader):
    for path in ["/guide/", *(f"/guide/{slug}/" for slug in SLUGS)]:
        page = visit(path)
        page.assert_accessible()
        assert page.third_party_requests() == []
        page.page.close()


def test_guide_pages_are_accessible_signed_in_with_answers(visit, signed_in, client):
    client.force_login(signed_in)
    plan = "toll-honor-your-emotions"
    client.post(f"/guide/exercises/{plan}/", {f"{plan}-practice-seek-support": "daily"})
    client.post(
        "/guide/exercises/love-healthy-boundaries/",
        {"love-healthy-boundaries-new_item": "Rest", "love-healthy-boundaries-op": "add"},
    )
    client.post(
        "/guide/exercises/roots-silent-question/",
        {"roots-silent-question-prompt-open-again": "Maybe", "again": "1"},
    )

    for path in ["/guide/", *(f"/guide/{slug}/" for slug in SLUGS), "/reflections/"]:
        page = visit(path)
        page.assert_accessible()
        page.page.close()
    page = visit(f"/reflections/{signed_in.guide_responses.first().code}/")
    page.assert_accessible()


def tab_to(page, predicate: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_the_journey_works_by_keyboard_alone(visit, signed_in):
    page = visit("/guide/")
    keys = page.page.keyboard
    first = Chapter.objects.get(slug="introduction")

    tab_to(page.page, f"el.textContent.trim() === {first.title!r}")
    keys.press("Enter")
    page.page.wait_for_url("**/guide/introduction/")
    tab_to(page.page, "el.textContent.trim() === 'Mark as complete'")
    keys.press("Enter")
    expect(page.page.get_by_role("button", name="Mark as not complete")).to_be_focused()

    tab_to(page.page, "el.getAttribute('rel') === 'next'")
    keys.press("Enter")
    page.page.wait_for_url("**" + CHAPTER)
    tab_to(page.page, "el.type === 'checkbox'")
    keys.press("Space")
    tab_to(page.page, "el.id === 'id_roots-silent-question-prompt-open-again'")
    keys.type("Maybe, one day.")
    keys.press("Tab")  # leaving the field saves it
    expect(page.page.locator("#exercise-roots-silent-question-status")).to_have_text(
        SAVED, timeout=10_000
    )
    expect(page.page.locator("#exercise-roots-where-doubt-comes-from-status")).to_have_text(SAVED)

    answers = {r.exercise.key: r.read() for r in signed_in.guide_responses.all()}
    assert answers["roots-silent-question"] == {"prompts": {"open-again": "Maybe, one day."}}
    assert answers["roots-where-doubt-comes-from"]["options"] == ["betrayal-by-someone-close"]
    assert signed_in.guide_progress.get(chapter=first).completed_at is not None

"""The guide in a real Chromium: reading, answering, failing saves, then and now, keyboard."""

from __future__ import annotations

import datetime
import itertools
import re
import time
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import Chapter, PracticeTick, Response
from tests.accounts.factories import UserFactory
from tests.healing.test_chapter import SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved \d\d:\d\d")
CHAPTER = "/guide/roots-of-trust-issues/"
TEXTAREA = "#id_roots-ask-yourself-prompt-trigger-doubt"
STATUS = "#exercise-roots-ask-yourself-status"
SECTION = "#exercise-roots-ask-yourself"
TOO_LONG = "Answers can be up to 20,000 characters"


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
    answer = signed_in.guide_responses.get().answer
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
    assert signed_in.guide_responses.get().answer["prompts"]["trigger-doubt"] == (
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
    answer = signed_in.guide_responses.get().answer
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
    assert signed_in.guide_responses.get().answer == {"items": ["No yelling", "Quiet mornings"]}


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

    answers = {r.exercise.key: r.answer for r in signed_in.guide_responses.all()}
    assert answers["roots-silent-question"] == {"prompts": {"open-again": "Maybe, one day."}}
    assert answers["roots-where-doubt-comes-from"]["options"] == ["betrayal-by-someone-close"]
    assert signed_in.guide_progress.get(chapter=first).completed_at is not None


# ---------------------------------------------------------------------------
# Autosave under pressure: slow, refused and failing requests
# ---------------------------------------------------------------------------


def leaving_warns(page) -> bool:
    """Whether leaving the page now would ask "Leave site?" first."""
    return page.evaluate(
        """() => {
            const event = new Event("beforeunload", {cancelable: true});
            window.dispatchEvent(event);
            return event.defaultPrevented;
        }"""
    )


def wait_until(page, condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        page.wait_for_timeout(50)


class Gate:
    """Holds the exercise requests of the given kinds ("autosave", "button") until
    released, and records the order in which the page sent them."""

    def __init__(self, page, hold: set[str]) -> None:
        self.hold = hold
        self.held = []
        self.sent: list[str] = []
        self.open = False
        page.route("**/guide/exercises/**", self._handle)

    def _handle(self, route) -> None:
        fields = parse_qs(route.request.post_data or "")
        kind = "autosave" if fields.get("autosave") == ["1"] else "button"
        self.sent.append(kind)
        if kind in self.hold and not self.open:
            self.held.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.open = True
        for route in self.held:
            route.continue_()


def mark_old(page, selector: str) -> None:
    page.evaluate(f"document.querySelector({selector!r}).classList.add('test-old')")


def test_words_typed_while_a_button_request_is_on_its_way_are_kept_and_saved(visit, signed_in):
    page = visit(CHAPTER)
    field = page.page.locator(TEXTAREA)
    status = page.page.locator(STATUS)
    field.press_sequentially("First part.")
    expect(status).to_have_text(SAVED, timeout=10_000)

    gate = Gate(page.page, hold={"button"})
    save = page.page.locator(SECTION).get_by_role("button", name="Save")
    save.click()
    wait_until(page.page, lambda: gate.held)
    expect(save).to_be_disabled()  # no second press while the first is on its way
    mark_old(page.page, SECTION)
    field.press_sequentially(" Second part.")
    gate.release()

    expect(page.page.locator(f"{SECTION}:not(.test-old)")).to_be_attached()  # swapped
    expect(field).to_have_value("First part. Second part.")
    expect(field).to_be_focused()
    expect(status).to_have_text(SAVED, timeout=10_000)
    answer = signed_in.guide_responses.get().answer
    assert answer["prompts"]["trigger-doubt"] == "First part. Second part."
    assert gate.sent.count("button") == 1
    assert not leaving_warns(page.page)


def test_a_button_pressed_during_an_autosave_waits_for_it(visit, signed_in):
    page = visit(CHAPTER)
    field = page.page.locator(TEXTAREA)
    field.press_sequentially("Version one.")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    page.page.reload()

    gate = Gate(page.page, hold={"autosave"})
    field.fill("Version one, finished.")
    wait_until(page.page, lambda: gate.held)  # the autosave is on its way
    page.page.locator(SECTION).get_by_role("button", name="Answer again").click()
    page.page.wait_for_timeout(800)
    assert gate.sent == ["autosave"], "the button did not wait for the autosave"
    assert leaving_warns(page.page)
    gate.release()

    expect(page.page.locator(SECTION)).to_contain_text("Version 2")
    expect(field).to_have_value("")
    page.page.wait_for_timeout(DEBOUNCE_WAIT_MS)
    assert gate.sent == ["autosave", "button"]
    first, second = signed_in.guide_responses.order_by("version")
    assert first.answer["prompts"]["trigger-doubt"] == "Version one, finished."
    assert second.answer.get("prompts", {}).get("trigger-doubt", "") == ""
    assert not leaving_warns(page.page)


DEBOUNCE_WAIT_MS = 2_000


def paste(locator, text: str) -> None:
    """Put text in a field at once (past its maxlength, as an older browser may)."""
    locator.evaluate(
        "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        text,
    )


def test_a_rejected_answer_stays_unsaved_until_a_save_succeeds(visit, signed_in):
    page = visit(CHAPTER)
    field = page.page.locator(TEXTAREA)
    status = page.page.locator(STATUS)

    paste(field, "x" * 20_001)
    expect(status).to_contain_text(TOO_LONG, timeout=10_000)
    expect(status).to_have_attribute("data-state", "error")
    assert leaving_warns(page.page)
    mark_old(page.page, SECTION)
    page.page.locator(SECTION).get_by_role("button", name="Save").click()
    expect(page.page.locator(f"{SECTION}:not(.test-old)")).to_be_attached()
    expect(status).to_contain_text(f"Not saved — {TOO_LONG}")
    assert field.evaluate("el => el.value.length") == 20_001
    assert leaving_warns(page.page)
    assert not Response.objects.exists()

    field.fill("Shorter now.")
    expect(status).to_have_text(SAVED, timeout=10_000)
    assert not leaving_warns(page.page)
    assert signed_in.guide_responses.get().answer["prompts"]["trigger-doubt"] == "Shorter now."


def test_line_breaks_count_once_whether_autosaved_or_saved_by_the_button(visit, signed_in):
    page = visit(CHAPTER)
    field = page.page.locator(TEXTAREA)
    text = "A line.\n" * 2_400  # 19,200 characters: within the field's maxlength

    paste(field, text)
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    assert signed_in.guide_responses.get().answer["prompts"]["trigger-doubt"] == text


def test_text_in_a_new_list_item_box_counts_as_unsaved(visit, signed_in):
    page = visit("/guide/learning-to-love-again/")
    assert not leaving_warns(page.page)
    box = page.page.locator("#id_love-healthy-boundaries-new_item")

    box.fill("Quiet mornings")
    assert leaving_warns(page.page)
    page.page.wait_for_timeout(DEBOUNCE_WAIT_MS)
    assert not Response.objects.exists()  # added by its button only
    box.press("Enter")

    expect(page.page.locator("#exercise-love-healthy-boundaries-item-1")).to_have_value(
        "Quiet mornings"
    )
    assert not leaving_warns(page.page)  # the swapped-out form no longer counts


def test_failed_saves_back_off_instead_of_retrying_every_second(visit, signed_in):
    page = visit(CHAPTER)
    posts: list[float] = []
    pages: list[float] = []

    def refuse(route):
        posts.append(time.monotonic())
        route.fulfill(status=403, body="Forbidden")

    page.page.route("**/guide/exercises/**", refuse)
    page.page.on(
        "request",
        lambda request: (
            request.method == "GET"
            and request.url.endswith(CHAPTER)
            and pages.append(time.monotonic())
        ),
    )
    page.page.locator(TEXTAREA).press_sequentially("Signed out meanwhile")
    expect(page.page.locator(STATUS)).to_contain_text("You seem to be signed out")
    page.page.wait_for_timeout(12_000)

    gaps = [later - earlier for earlier, later in itertools.pairwise(posts)]
    assert 2 <= len(posts) <= 3, posts
    assert all(gap > 4.5 for gap in gaps), gaps
    assert gaps == sorted(gaps), "retries came faster, not slower"
    assert len(pages) <= len(posts) + 1, "the page was fetched again too often"
    assert leaving_warns(page.page)


def test_practice_days_that_fail_to_save_are_retried(visit, signed_in, client):
    plan = "toll-honor-your-emotions"
    client.force_login(signed_in)
    client.post(f"/guide/exercises/{plan}/", {f"{plan}-practice-seek-support": "daily"})
    page = visit("/guide/emotional-toll-of-broken-trust/")
    failures = []

    def fail_once(route):
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.abort()

    page.page.route("**/days/", fail_once)
    page.page.locator(f"#exercise-{plan} input[type=checkbox]").first.check()
    status = page.page.locator(f"#exercise-{plan} [data-tick-status]")
    expect(status).to_contain_text("Not saved — will retry")
    assert leaving_warns(page.page)

    expect(status).to_have_text("Days saved", timeout=10_000)
    assert PracticeTick.objects.filter(user=signed_in).count() == 1
    assert not leaving_warns(page.page)


def test_a_list_item_edited_while_another_is_removed_keeps_its_words(visit, signed_in, client):
    client.force_login(signed_in)
    client.post(
        "/guide/exercises/love-healthy-boundaries/",
        {"love-healthy-boundaries-item": ["One", "Two"], "love-healthy-boundaries-op": "save"},
    )
    page = visit("/guide/learning-to-love-again/")
    first = page.page.locator("#exercise-love-healthy-boundaries-item-1")
    second = page.page.locator("#exercise-love-healthy-boundaries-item-2")

    gate = Gate(page.page, hold={"button"})
    page.page.locator('#exercise-love-healthy-boundaries button[value="remove:0"]').click()
    wait_until(page.page, lambda: gate.held)
    second.press("End")
    second.press_sequentially(" and more")
    mark_old(page.page, "#exercise-love-healthy-boundaries")
    gate.release()

    expect(page.page.locator("#exercise-love-healthy-boundaries:not(.test-old)")).to_be_attached()
    expect(first).to_have_value("Two and more")  # moved up, with the words typed meanwhile
    expect(second).to_have_count(0)
    expect(page.page.locator("#exercise-love-healthy-boundaries-status")).to_have_text(
        SAVED, timeout=10_000
    )
    assert signed_in.guide_responses.get().answer == {"items": ["Two and more"]}


def test_quick_exit_is_never_held_back_by_unsaved_words(visit, signed_in, quick_exit_url):
    page = visit(CHAPTER)
    page.page.route("**/guide/exercises/**", lambda route: route.abort())
    dialogs = []
    page.page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.dismiss())
    page.page.locator(TEXTAREA).press_sequentially("Not saved")
    expect(page.page.locator(STATUS)).to_contain_text("Not saved — will retry")
    assert leaving_warns(page.page)

    for _ in range(3):
        page.page.keyboard.press("Escape")
    page.page.wait_for_url(quick_exit_url)
    assert dialogs == []

"""Quick exit in a real Chromium: words typed a moment ago are saved, every other tab
hides, the person is signed out, and Back leads to nothing private."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from healing.models import Chapter, Progress
from tests.accounts.factories import UserFactory
from tests.conftest import BrowserPage, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAPTER = "/guide/roots-of-trust-issues/"
TEXTAREA = "#id_roots-ask-yourself-prompt-trigger-doubt"
STATUS = "#exercise-roots-ask-yourself-status"
WORDS = "When a message goes unanswered for a whole day"
PROGRESS = "Your progress"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def person(db, quick_exit_url):
    load_guide()  # live-server tests flush the database between tests
    someone = UserFactory(email="leaving@example.com")
    Progress.objects.mark_complete(someone, Chapter.objects.get(slug="introduction"), True)
    return someone


def typed_but_not_saved(page) -> None:
    """Open the guide (with progress), then a chapter, and type without waiting for a save."""
    page.visit("/guide/")
    expect(page.page.locator("main")).to_contain_text(PROGRESS)
    page.visit(CHAPTER)
    page.page.locator(TEXTAREA).press_sequentially(WORDS)
    expect(page.page.locator(STATUS)).to_have_text("Changes not saved yet")


def saved_answer(person) -> str:
    response = person.guide_responses.first()
    return response.answer["prompts"]["trigger-doubt"] if response else ""


def assert_back_shows_nothing_private(page) -> None:
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/guide/")
    main = page.locator("main")
    expect(main).to_be_visible()
    expect(main).not_to_contain_text(PROGRESS)
    expect(page.locator(".site-nav")).to_contain_text("Sign in")
    assert WORDS not in page.content()


@pytest.mark.parametrize("how", ["click", "escape"])
def test_quick_exit_saves_the_words_hides_other_tabs_and_leaves_nothing_behind(
    browser, live_server, person, quick_exit_url, how
):
    context = signed_in_context(browser, live_server, person)
    other = BrowserPage(context.new_page(), live_server.url)
    other.visit("/journal/")
    page = BrowserPage(context.new_page(), live_server.url)
    typed_but_not_saved(page)
    assert saved_answer(person) == ""

    if how == "click":
        page.page.get_by_role("link", name="Quick exit").click()
    else:
        for _ in range(3):
            page.page.keyboard.press("Escape")

    page.page.wait_for_url(quick_exit_url)
    assert saved_answer(person) == WORDS
    # The other tab hid its content and left too.
    other.page.wait_for_url(quick_exit_url)
    # Signed out: the session the browser holds opens nothing.
    assert page.page.request.get(live_server.url + "/settings/", max_redirects=0).status == 302
    # The chapter page was replaced in the history; Back finds the guide, signed out.
    assert_back_shows_nothing_private(page.page)
    context.close()


def test_the_other_tab_hides_at_once_and_saves_its_own_words(
    browser, live_server, person, quick_exit_url
):
    context = signed_in_context(browser, live_server, person)
    other = BrowserPage(context.new_page(), live_server.url)
    typed_but_not_saved(other)
    page = BrowserPage(context.new_page(), live_server.url)
    page.visit("/journal/")
    seen = []
    other.page.expose_function("seeWhenTold", lambda hidden, title: seen.append((hidden, title)))
    # Runs when the other tab hears of the exit, right after the site's own listener.
    other.page.evaluate(
        """() => new BroadcastChannel("quick-exit").onmessage = (event) => {
            if (event.data !== "leave") { return; }
            window.seeWhenTold(document.body.hidden, document.title);
        }"""
    )

    page.page.get_by_role("link", name="Quick exit").click()

    page.page.wait_for_url(quick_exit_url)
    other.page.wait_for_url(quick_exit_url)
    assert seen == [(True, "")]
    assert saved_answer(person) == WORDS
    assert page.page.request.get(live_server.url + "/settings/", max_redirects=0).status == 302
    context.close()


def test_quick_exit_works_without_javascript_and_back_shows_nothing_private(
    browser, live_server, person, quick_exit_url
):
    context = signed_in_context(browser, live_server, person, java_script_enabled=False)
    page = BrowserPage(context.new_page(), live_server.url)
    page.visit("/guide/")
    expect(page.page.locator("main")).to_contain_text(PROGRESS)
    page.visit(CHAPTER)
    page.page.locator(TEXTAREA).fill(WORDS)

    page.page.get_by_role("link", name="Quick exit").click()

    page.page.wait_for_url(quick_exit_url)
    assert page.page.request.get(live_server.url + "/settings/", max_redirects=0).status == 302
    # Without JavaScript the chapter stays in the history: Back reloads it signed out,
    # without the words typed into it, and the guide before it shows no progress.
    page.page.go_back()
    page.page.wait_for_load_state()
    assert page.page.url.endswith(CHAPTER)
    expect(page.page.locator(".site-nav")).to_contain_text("Sign in")
    assert page.page.locator(TEXTAREA).count() == 0 or (
        page.page.locator(TEXTAREA).input_value() == ""
    )
    assert WORDS not in page.page.content()
    assert_back_shows_nothing_private(page.page)
    context.close()


# Text the person can see in the rows the Quick exit button occupies, as "where: text".
# Text under an opaque band across the whole screen cannot be seen: what is painted
# at its place is then not the text's own element.
TEXT_BESIDE_THE_BUTTON = """() => {
    const button = document.querySelector(".quick-exit").getBoundingClientRect();
    const inRows = (r) => r.width > 0 && r.height > 0 &&
        r.top < button.bottom - 1 && r.bottom > button.top + 1;
    const seen = (element, r) => {
        const y = (Math.max(r.top, button.top) + Math.min(r.bottom, button.bottom)) / 2;
        return [r.left + 2, (r.left + r.right) / 2, r.right - 2].some((x) => {
            const hit = document.elementFromPoint(x, y);
            return hit && (hit === element || element.contains(hit));
        });
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!node.textContent.trim() || element.closest(".quick-exit")) { continue; }
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
            if (inRows(r) && seen(element, r)) { found.push(node.textContent.trim()); }
        }
    }
    for (const field of document.querySelectorAll("input:not([type=hidden]), textarea, select")) {
        const r = field.getBoundingClientRect();
        if (inRows(r) && seen(field, r)) { found.push(`a field: ${field.name}`); }
    }
    return [...new Set(found)];
}"""


@pytest.mark.parametrize("path", [CHAPTER, "/settings/", "/journal/new/", "/support/"])
def test_quick_exit_never_covers_text_on_a_phone(visit, sign_in, person, path):
    sign_in(person)
    page = visit(path)
    page.page.set_viewport_size(PHONE)
    height = page.page.evaluate("document.documentElement.scrollHeight - window.innerHeight")

    positions = [*range(0, height, 97), height]  # an odd step, to meet lines at every height
    for y in positions:
        page.page.evaluate(f"window.scrollTo(0, {y})")
        beside = page.page.evaluate(TEXT_BESIDE_THE_BUTTON)
        assert beside == [], f"{path} at {y}px: Quick exit sits beside {beside[:3]}"
    assert len(positions) > 5

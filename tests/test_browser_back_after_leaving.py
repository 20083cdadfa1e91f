"""After signing out, and after Quick exit, Back in Chromium shows nothing private:
every page the person had open is gone through, and none holds their words. Chromium
runs with its back/forward cache on, as people have it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from tests.accounts.factories import UserFactory
from tests.conftest import BrowserPage, signed_in_context
from tests.crawl import PRIVATE_WORDS, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(db):
    load_guide()  # live-server tests flush the database between tests
    return UserFactory(email="leaving@example.com")


@pytest.fixture
def pages(person) -> list[str]:
    world = build_world(person)
    return [
        "/journal/",
        f"/journal/{world.entry.code}/",
        f"/reflections/{world.answer.code}/",
        f"/guide/{world.answer.exercise.chapter.slug}/",
        "/safety-plan/",
    ]


def signed_in_page(browser, live_server, person, javascript: bool = True) -> BrowserPage:
    context = signed_in_context(browser, live_server, person, java_script_enabled=javascript)
    return BrowserPage(context.new_page(), live_server.url)


def read(page: BrowserPage, pages: list[str]) -> None:
    for path in pages:
        page.visit(path)
        assert PRIVATE_WORDS in page.page.content(), path  # guards the guard


def assert_back_shows_nothing_private(page: BrowserPage, pages: list[str]) -> None:
    reached = []
    for _ in pages:
        # A page restored from the back/forward cache fires no "load": wait for less.
        page.page.go_back(wait_until="commit")
        # Polled from here: wait_for_function evaluates in the page, which the CSP forbids.
        for _ in range(100):
            if page.page.evaluate("document.readyState") == "complete":
                break
            page.page.wait_for_timeout(50)
        url = page.page.url
        assert PRIVATE_WORDS not in page.page.content(), f"Back showed private text at {url}"
        if url.startswith(page.base_url):
            reached.append(url)
            expect(page.page.locator(".site-nav")).to_contain_text("Sign in")
    # Back went through the pages the person had open (each now asks to sign in).
    assert len(reached) >= len(pages) - 1, reached
    page.page.context.close()


def test_after_signing_out(browser_with_back_forward_cache, live_server, person, pages):
    page = signed_in_page(browser_with_back_forward_cache, live_server, person)
    read(page, pages)

    page.page.get_by_role("button", name="Sign out").click()
    page.page.wait_for_url(live_server.url + "/")

    assert_back_shows_nothing_private(page, pages)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_after_quick_exit(
    browser_with_back_forward_cache, live_server, quick_exit_url, person, pages, javascript
):
    page = signed_in_page(browser_with_back_forward_cache, live_server, person, javascript)
    read(page, pages)

    page.page.get_by_role("link", name="Quick exit").click()
    page.page.wait_for_url(quick_exit_url)

    assert_back_shows_nothing_private(page, pages)

"""First journeys in a real Chromium: accessible pages, no third-party requests, Quick exit."""

from __future__ import annotations

import pytest

from tests.conftest import BrowserPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/support/", 200),
        ("/privacy/", 200),
        ("/accounts/login/", 200),
        ("/nowhere/", 404),
    ],
)
def test_pages_are_accessible_and_self_contained(visit, path, status):
    page = visit(path, status)

    page.assert_accessible()
    assert page.third_party_requests() == []


def test_quick_exit_leaves_on_three_escapes_and_replaces_history(visit, quick_exit_url):
    page = visit("/support/")
    page.visit("/privacy/")

    for _ in range(3):
        page.page.keyboard.press("Escape")
    page.page.wait_for_url(quick_exit_url)
    page.page.go_back()

    # The private page was replaced in the history: Back does not return to it.
    assert page.page.url.endswith("/support/")


def test_quick_exit_is_reachable_and_works_by_keyboard(visit, quick_exit_url):
    page = visit("/")

    page.page.keyboard.press("Tab")  # skip link
    page.page.keyboard.press("Tab")  # brand
    focused = ""
    for _ in range(10):
        page.page.keyboard.press("Tab")
        focused = page.page.evaluate("document.activeElement.textContent")
        if "Quick exit" in focused:
            break
    assert "Quick exit" in focused
    page.page.keyboard.press("Enter")

    page.page.wait_for_url(quick_exit_url)


def test_skip_link_moves_focus_to_the_main_content(visit):
    page = visit("/support/")

    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.page.keyboard.press("Enter")

    assert page.page.evaluate("document.activeElement.id") == "main"


def test_the_accessibility_check_can_fail(browser):
    # Guards the guard: a page with known violations must be reported.
    context = browser.new_context()
    page = BrowserPage(context.new_page(), base_url="")
    page.page.set_content('<html><body><img src="data:,"><a href="/x"></a></body></html>')

    violations = page.axe_violations()

    context.close()
    assert any(line.startswith("image-alt") for line in violations)
    assert any(line.startswith("html-has-lang") for line in violations)

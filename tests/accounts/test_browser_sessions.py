"""The sessions page and the restore page on a phone: readable, accessible, and never
wider than the screen."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.accounts.test_sessions import LAPTOP, PHONE, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_SCREEN = {"width": 390, "height": 844}


@pytest.fixture
def two_devices(user, browser_context, live_server):
    """This browser signed in as a laptop would be, and a phone signed in too."""
    laptop = signed_in(user, LAPTOP)
    signed_in(user, PHONE)
    cookie = laptop.cookies[settings.SESSION_COOKIE_NAME]
    browser_context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    return user


@pytest.mark.parametrize("path", ["/accounts/sessions/", "/settings/import/"])
def test_it_fits_a_phone_without_scrolling_sideways(visit, two_devices, path):
    page = visit(path)
    page.page.set_viewport_size(PHONE_SCREEN)

    sideways = page.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0, f"{path} scrolls {sideways}px sideways at 390px"
    page.assert_accessible()


def test_the_sessions_page_reads_as_devices_and_signs_out_the_others(visit, two_devices):
    page = visit("/accounts/sessions/")
    page.page.set_viewport_size(PHONE_SCREEN)
    sessions = page.page.locator(".session")

    assert sessions.count() == 2
    assert "— this device" in sessions.filter(has_text="Chrome on Linux").inner_text()
    assert "this device" not in sessions.filter(has_text="Safari on iPhone").inner_text()

    page.page.get_by_role("button", name="Sign out the other devices").click()

    assert page.page.locator(".session").count() == 1
    assert "You are signed in on this device only." in page.page.locator("main").inner_text()

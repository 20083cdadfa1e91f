"""Every kind of account page in a real Chromium: axe finds nothing in light or dark,
and none is wider than a 390 px phone."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.accounts.test_account_wording import WORDING
from tests.conftest import BrowserPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_every_account_page_is_accessible_and_fits_a_phone(browser_context, live_server, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    wide: dict[str, int] = {}
    for name, (path, arrive, _heading, _buttons) in WORDING.items():
        user = UserFactory()
        client = Client()
        if callable(path):
            path = path(user)
        arrive(client, user)
        browser_context.clear_cookies()
        if django_settings.SESSION_COOKIE_NAME in client.cookies:
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            browser_context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        page = browser_context.new_page()
        page.set_viewport_size(PHONE)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (name, path)

        checked = BrowserPage(page, live_server.url)
        checked.assert_accessible()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
        page.close()
    assert wide == {}

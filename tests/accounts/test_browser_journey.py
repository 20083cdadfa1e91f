"""A person's whole account journey in a real Chromium, checked by axe on every page."""

from __future__ import annotations

import json
import re
import time
import zipfile

import pytest
from django.core import mail

from accounts.models import User
from tests.accounts.factories import PASSWORD
from tests.accounts.helpers import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "journey@example.com"
PASSPHRASE = "slow walks and warm tea"


def submit(page, button: str) -> None:
    page.page.get_by_role("button", name=button).click()
    page.page.wait_for_load_state()
    page.assert_accessible()


def test_sign_up_confirm_two_factor_sign_in_export_and_delete(visit, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    page = visit("/accounts/password/reset/")
    page.assert_accessible()
    page.visit("/accounts/signup/")
    page.assert_accessible()
    page.page.get_by_label("Email").fill(EMAIL)
    page.page.fill("[name=password1]", PASSPHRASE)
    page.page.fill("[name=password2]", PASSPHRASE)
    submit(page, "Create my account")
    assert page.page.url.endswith("/accounts/confirm-email/")

    link = re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)
    page.visit(link)
    page.assert_accessible()
    submit(page, "Confirm")
    assert page.page.get_by_role("button", name="Sign out").is_visible()

    page.visit("/accounts/2fa/totp/activate/")
    page.assert_accessible()  # re-authenticate first
    page.page.get_by_label("Password").fill(PASSPHRASE)
    submit(page, "Confirm")
    secret = page.page.input_value("#authenticator_secret")
    page.page.get_by_label("Authenticator code").fill(totp_code(secret, time.time()))
    submit(page, "Turn on")
    assert "/accounts/2fa/" in page.page.url
    page.visit("/accounts/2fa/recovery-codes/")
    page.assert_accessible()

    page.page.get_by_role("button", name="Sign out").click()
    page.page.wait_for_url(page.base_url + "/")
    page.visit("/accounts/login/")
    page.page.get_by_label("Email").fill(EMAIL)
    page.page.get_by_label("Password").fill(PASSPHRASE)
    submit(page, "Sign in")
    assert page.page.url.endswith("/accounts/2fa/authenticate/")
    # The activation code is spent: use the next period's, within the tolerance.
    page.page.get_by_label("Code").fill(totp_code(secret, time.time() + 30))
    submit(page, "Sign in")
    assert page.page.get_by_role("button", name="Sign out").is_visible()

    page.visit("/settings/")
    page.assert_accessible()
    page.visit("/settings/export/")
    page.assert_accessible()  # re-authenticate before downloading
    page.page.get_by_label("Password").fill(PASSPHRASE)
    submit(page, "Confirm")
    assert page.page.url.endswith("/settings/export/")
    with page.page.expect_download() as download:
        page.page.get_by_role("button", name="Download my data").click()
    archive = zipfile.ZipFile(download.value.path())
    assert json.loads(archive.read("data.json"))["account"]["email"] == EMAIL

    for path in [
        "/accounts/sessions/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/settings/import/",
    ]:
        page.visit(path)
        page.assert_accessible()

    page.visit("/settings/delete/")
    page.assert_accessible()
    page.page.get_by_label("To confirm").fill("delete my account")
    submit(page, "Delete my account and everything in it")
    assert "have been deleted" in page.page.content()
    assert not User.objects.filter(email=EMAIL).exists()


def test_an_email_change_waits_for_confirmation_on_an_accessible_page(visit, user):
    page = visit("/accounts/login/")
    page.page.get_by_label("Email").fill(user.email)
    page.page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    page.visit("/accounts/reauthenticate/?next=/accounts/email/")
    page.page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Confirm")

    page.page.fill("input[name=email]:not([disabled])", "moving@example.com")
    submit(page, "Change Email")

    assert "moving@example.com" in page.page.content()
    assert page.page.locator("#pending-email").count() == 1


def test_sign_up_takes_the_time_zone_from_the_browser(browser, live_server):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.fill("[name=password1]", PASSPHRASE)
    page.fill("[name=password2]", PASSPHRASE)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    context.close()

    assert User.objects.get(email=EMAIL).time_zone == "Asia/Tokyo"

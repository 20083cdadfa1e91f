"""Every allauth page a person can reach, and every email it sends, in our own voice.

WORDING is the table: each page's heading and buttons as a person meets them. The
tests render each page for real (allauth's views, our templates) and compare."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.test import Client

from accounts.password_forms import password_rules
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import link_in_last_email, reauthenticate
from tests.accounts.test_two_factor import activate_totp, log_in_with_password

pytestmark = pytest.mark.django_db

# Words allauth ships with that must never reach a person.
STOCK = [
    "Please reauthenticate",
    "Confirm Access",
    "Sign In",
    "Sign Up",
    "Signup",
    "contact us",
    "Hello from",
    "Two-Factor Authentication",
    "Verify Your Email Address",
    "Password Reset",
    "Bad Token",
    "Activate Authenticator App",
    "Thank you for using",
]


def _reset_key(user) -> str:
    return f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"


def _confirm_key(user) -> str:
    address = EmailAddress.objects.create(user=user, email="new@example.com")
    return EmailConfirmationHMAC(address).key


def _signed_in(client: Client, user) -> None:
    client.force_login(user)


def _reauthenticated(client: Client, user) -> None:
    client.force_login(user)
    reauthenticate(client)


def _with_totp(client: Client, user) -> None:
    client.force_login(user)
    activate_totp(client)
    reauthenticate(client)


def _at_the_code_step(client: Client, user) -> None:
    _with_totp(client, user)
    client.logout()
    log_in_with_password(client, user)


def _nobody(client: Client, user) -> None:
    pass


# page: (path, how to get there, heading, buttons)
WORDING: dict[str, tuple[str | Callable, Callable, str, list[str]]] = {
    "sign in": ("/accounts/login/", _nobody, "Sign in", ["Sign in"]),
    "sign up": ("/accounts/signup/", _nobody, "Create an account", ["Create my account"]),
    "check your email": (
        "/accounts/confirm-email/",
        _nobody,
        "Check your email",
        [],
    ),
    "confirm email": (
        lambda user: f"/accounts/confirm-email/{_confirm_key(user)}/",
        _nobody,
        "Confirm your email address",
        ["Confirm"],
    ),
    "confirm email, old link": (
        "/accounts/confirm-email/not-a-key/",
        _nobody,
        "Confirm your email address",
        [],
    ),
    "forgotten password": (
        "/accounts/password/reset/",
        _nobody,
        "Forgotten your password?",
        ["Send me the link"],
    ),
    "reset link sent": ("/accounts/password/reset/done/", _nobody, "Check your email", []),
    "new password": (
        lambda user: f"/accounts/password/reset/key/{_reset_key(user)}/",
        _nobody,
        "Choose a new password",
        ["Save my new password"],
    ),
    "reset link used": (
        "/accounts/password/reset/key/1-not-a-token/",
        _nobody,
        "This link no longer works",
        [],
    ),
    "new password saved": (
        "/accounts/password/reset/key/done/",
        _nobody,
        "Your password is changed",
        [],
    ),
    "change password": (
        "/accounts/password/change/",
        _reauthenticated,
        "Change your password",
        ["Save my new password"],
    ),
    "confirm it's you": (
        "/accounts/reauthenticate/",
        _signed_in,
        "Confirm it's you",
        ["Confirm"],
    ),
    "confirm it's you with a code": (
        "/accounts/2fa/reauthenticate/",
        _with_totp,
        "Confirm it's you",
        ["Confirm"],
    ),
    "sign out": ("/accounts/logout/", _signed_in, "Sign out", ["Sign out"]),
    "two-step sign-in, off": ("/accounts/2fa/", _signed_in, "Two-step sign-in", []),
    "two-step sign-in, on": ("/accounts/2fa/", _with_totp, "Two-step sign-in", []),
    "turn on an authenticator app": (
        "/accounts/2fa/totp/activate/",
        _reauthenticated,
        "Turn on an authenticator app",
        ["Turn on"],
    ),
    "turn off the authenticator app": (
        "/accounts/2fa/totp/deactivate/",
        _with_totp,
        "Turn off the authenticator app",
        ["Turn off"],
    ),
    "sign-in code": (
        "/accounts/2fa/authenticate/",
        _at_the_code_step,
        "Your sign-in code",
        ["Sign in", "Cancel"],
    ),
    "recovery codes": (
        "/accounts/2fa/recovery-codes/",
        _with_totp,
        "Recovery codes",
        [],
    ),
    "new recovery codes": (
        "/accounts/2fa/recovery-codes/generate/",
        _with_totp,
        "Make new recovery codes",
        ["Make new codes"],
    ),
}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _heading(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, html[:2000]
    return _text(found.group(1))


def _buttons(html: str) -> list[str]:
    main = html[html.index("<main") :]
    return [_text(b) for b in re.findall(r"<button[^>]*>(.*?)</button>", main, re.S)]


@pytest.mark.parametrize("page", WORDING)
def test_each_account_page_has_our_heading_and_buttons(page, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    path, arrive, heading, buttons = WORDING[page]
    user = UserFactory()
    client = Client()
    if callable(path):
        path = path(user)
    if page == "new password":
        # allauth may move the key out of the URL into the session, then show the form.
        path = client.get(path).get("Location", path)
    arrive(client, user)

    response = client.get(path)

    assert response.status_code == 200, (page, response.status_code, response.get("Location"))
    html = response.content.decode()
    assert _heading(html) == heading
    assert [b for b in _buttons(html) if b in buttons] == buttons, _buttons(html)
    page_text = _text(html[html.index("<main") :])
    assert [word for word in STOCK if word in page_text] == []
    assert "Hello from" not in html


def test_the_pages_that_set_a_password_say_its_rules_in_plain_words(client):
    html = client.get("/accounts/signup/").content.decode()

    assert password_rules() in unescape(html)
    assert "At least 10 characters" in password_rules()
    assert "similar to your other personal information" not in unescape(html)


def test_turning_on_an_authenticator_app_says_what_one_is_and_where_to_get_one(client, user):
    _reauthenticated(client, user)

    text = _text(client.get("/accounts/2fa/totp/activate/").content.decode())

    assert "An authenticator app is a free app on your phone" in text
    assert "from your phone's app store" in text


# ---------------------------------------------------------------------------
# Emails
# ---------------------------------------------------------------------------


def _assert_our_voice(message) -> None:
    assert message.body.startswith("Hello,\n"), message.body
    words = re.sub(r"https?://\S+", "", message.body)  # the host only ever in a link
    for word in [*STOCK, "testserver"]:
        assert word not in words, (word, message.body)
    assert message.subject[:1].isupper() and message.subject[1:] != message.subject[1:].title()
    assert message.body.rstrip().endswith("Healing Hearts")


def test_the_sign_up_email_greets_plainly_and_holds_the_link(client, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    client.post(
        "/accounts/signup/",
        {"email": "new-person@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    [message] = mail.outbox
    assert message.subject == "Confirm your email address"
    assert "To finish creating your Healing Hearts account" in message.body
    assert link_in_last_email(r"http://testserver/accounts/confirm-email/\S+/")
    _assert_our_voice(message)


def test_the_password_reset_email_and_the_unknown_address_email(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    reset, unknown = mail.outbox
    assert reset.subject == "Choose a new password"
    assert "/accounts/password/reset/key/" in reset.body
    assert unknown.subject == "No account uses this address"
    assert "http://testserver/accounts/signup/" in unknown.body
    for message in (reset, unknown):
        _assert_our_voice(message)


def test_a_security_notice_says_what_changed_and_what_to_do_if_it_was_not_you(client, user):
    _reauthenticated(client, user)
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a new and gentle passphrase",
            "password2": "a new and gentle passphrase",
        },
    )

    [message] = mail.outbox
    assert message.subject == "Your password was changed"
    assert "The password of your Healing Hearts account was changed." in message.body
    assert "If it was not you" in message.body
    assert "http://testserver/accounts/password/reset/" in message.body
    _assert_our_voice(message)


def test_two_step_sign_in_emails_are_in_our_voice(client, user, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    client.force_login(user)
    activate_totp(client)
    reauthenticate(client)
    client.post("/accounts/2fa/totp/deactivate/")

    subjects = [message.subject for message in mail.outbox]
    assert "Two-step sign-in is off" in subjects
    for message in mail.outbox:
        _assert_our_voice(message)


def test_an_address_already_in_use_gets_a_plain_email(client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    client.post(
        "/accounts/signup/",
        {"email": user.email, "password1": PASSWORD, "password2": PASSWORD},
    )

    [message] = mail.outbox
    assert message.subject == "You already have an account"
    _assert_our_voice(message)

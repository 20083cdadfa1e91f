from __future__ import annotations

import re
from email.utils import parseaddr
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context
from django.core import mail
from django.test import Client, RequestFactory

from accounts.models import User
from tests.accounts.factories import PASSWORD
from tests.accounts.helpers import reauthenticate

# Words that would tell someone glancing at a screen or an inbox what this site is.
REVEALING = re.compile(r"heal|heart|trust|journal|guide|reflect|feel|mood|letter|hurt", re.I)
PAGES = ["/", "/guide/", "/guide/roots-of-trust-issues/", "/journal/", "/settings/"]
ALLAUTH_PAGES = ["/accounts/password/change/", "/accounts/sessions/"]
# Every email allauth can send us: each template it has a subject for.
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
EMAILS = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_subject.txt")
    for folder in ["account/email", "mfa/email"]
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_subject.txt")
)


@pytest.fixture
def discreet_user(user):
    user.discreet_mode = True
    user.save()
    return user


def title_and_icon(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    return title, icon


def assert_neutral(message: mail.EmailMessage) -> None:
    assert parseaddr(message.from_email)[0] == "Notes", message.from_email
    assert not REVEALING.search(message.subject), message.subject
    assert not REVEALING.search(message.from_email), message.from_email


def test_it_is_off_by_default_and_chosen_on_the_settings_page(auth_client, user):
    assert not user.discreet_mode
    assert 'name="discreet_mode"' in auth_client.get("/settings/").content.decode()

    auth_client.post("/settings/", {"time_zone": "UTC", "discreet_mode": "on"})

    user.refresh_from_db()
    assert user.discreet_mode


@pytest.mark.parametrize("path", PAGES + ALLAUTH_PAGES)
def test_off_the_tab_names_the_page_and_the_site(auth_client, path):
    title, icon = title_and_icon(auth_client.get(path).content.decode())

    assert title.endswith("· Healing Hearts")
    assert icon.endswith("heart.svg")


@pytest.mark.parametrize("path", PAGES + ALLAUTH_PAGES)
def test_on_every_tab_says_notes_with_a_plain_icon(client, discreet_user, path):
    client.force_login(discreet_user)

    html = client.get(path).content.decode()

    assert title_and_icon(html) == ("Notes", "/static/img/notes.svg")
    assert "heart.svg" not in html


def test_it_is_the_persons_choice_not_everyones(client, discreet_user, other_user):
    client.force_login(other_user)

    assert title_and_icon(client.get("/guide/").content.decode())[0] != "Notes"


def send(template: str, to: str, extra: dict | None = None) -> mail.EmailMessage:
    request = RequestFactory().get("/")
    with context.request_context(request):
        get_adapter(request).send_mail(template, to, {"user": None, **(extra or {})})
    return mail.outbox[-1]


@pytest.mark.parametrize("template", EMAILS)
def test_every_email_to_a_discreet_person_has_a_neutral_sender_and_subject(discreet_user, template):
    message = send(template, discreet_user.email)

    assert message.to == [discreet_user.email]
    assert_neutral(message)


@pytest.mark.parametrize("template", EMAILS)
def test_emails_to_everyone_else_are_left_as_they_are(user, template):
    message = send(template, user.email)

    assert parseaddr(message.from_email)[0] == "Healing Hearts"


def test_the_confirmation_link_still_says_what_it_is(discreet_user):
    assert send("account/email/email_confirmation", discreet_user.email).subject == (
        "Confirm your email address"
    )


def test_a_password_reset_email_is_neutral(client, discreet_user):
    client.post("/accounts/password/reset/", {"email": discreet_user.email})

    assert_neutral(mail.outbox[-1])
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_a_sign_up_with_a_discreet_persons_address_sends_a_neutral_notice(client, discreet_user):
    client.post(
        "/accounts/signup/",
        {"email": discreet_user.email, "password1": PASSWORD, "password2": PASSWORD},
    )

    assert mail.outbox[-1].to == [discreet_user.email]
    assert_neutral(mail.outbox[-1])


def test_security_notices_are_neutral(auth_client, discreet_user):
    new = "another calm passphrase"
    auth_client.force_login(discreet_user)
    auth_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )

    assert "password" in mail.outbox[-1].body.lower()
    assert_neutral(mail.outbox[-1])


def test_a_new_address_and_the_notice_to_the_old_one_are_both_neutral(discreet_user):
    client = Client()
    client.post("/accounts/login/", {"login": discreet_user.email, "password": PASSWORD})
    reauthenticate(client)
    mail.outbox.clear()

    client.post("/accounts/email/", {"action_add": "", "email": "moved@example.com"})
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)
    client.post(link)

    assert [message.to for message in mail.outbox] == [
        ["moved@example.com"],
        ["reader@example.com"],
    ]
    for message in mail.outbox:
        assert_neutral(message)


def test_a_person_who_turns_it_off_gets_the_usual_emails_again(client, discreet_user):
    discreet_user.discreet_mode = False
    discreet_user.save()

    client.post("/accounts/password/reset/", {"email": discreet_user.email})

    assert parseaddr(mail.outbox[-1].from_email)[0] == "Healing Hearts"


def test_an_address_nobody_has_gets_the_usual_email(client, db):
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert parseaddr(mail.outbox[-1].from_email)[0] == "Healing Hearts"
    assert not User.objects.exists()


def test_an_export_carries_the_choice_to_the_account_it_is_restored_into(discreet_user, other_user):
    discreet_user.stay_signed_in_on_quick_exit = True

    other_user.restore_profile(discreet_user.export_profile())

    other_user.refresh_from_db()
    assert other_user.discreet_mode
    assert other_user.stay_signed_in_on_quick_exit

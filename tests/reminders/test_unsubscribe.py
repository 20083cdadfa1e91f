"""One-click unsubscribe, without signing in: through the link (a page, then its
button) and through the List-Unsubscribe-Post header's POST. GET changes nothing; a
tampered token is refused with a clear page."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.test import Client

from reminders.emails import SALT, unsubscribe_token
from reminders.models import Reminder
from reminders.tasks import send_due
from tests.reminders.factories import moment, moments, nudge

NINE = moment("2026-06-10 09:00")


@pytest.fixture
def emailed(user) -> str:
    """The unsubscribe URL of a nudge the person was just sent, from its header."""
    nudge(user, "09:00", since=moment("2026-06-10 06:00"))
    send_due(NINE)
    [message] = mail.outbox
    return re.fullmatch(r"<https?://[^/]+(/.+)>", message.extra_headers["List-Unsubscribe"])[1]


def still_on(user, kind: str = "nudge") -> bool:
    return Reminder.objects.get(user=user, kind=kind).active


def test_the_link_shows_a_calm_page_and_changes_nothing_until_its_button(emailed, user):
    browser = Client(enforce_csrf_checks=True)  # not signed in

    page = browser.get(emailed)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Stop these reminder emails?" in html
    assert "This stops these emails: “Daily reminder to write”." in html
    assert still_on(user)
    assert re.search(r'<form method="post">\s*<button type="submit">Stop these emails<', html)

    done = browser.post(emailed)

    assert done.status_code == 200
    assert "These reminders are stopped" in done.content.decode()
    assert not still_on(user)
    assert send_due(NINE.replace(day=11)).sent == 0


def test_the_page_names_the_letters_email_plainly(user):
    Reminder.objects.set_letters(user, True)
    link = f"/reminders/unsubscribe/{unsubscribe_token(user, 'letter')}/"

    asked, done = Client().get(link).text, Client().post(link).text

    label = "“A letter to my future self has arrived”."
    assert f"This stops these emails: {label}" in asked
    assert f"You will not get these emails any more: {label}" in done
    assert not still_on(user, "letter")


def test_a_mail_clients_one_click_post_unsubscribes_without_signing_in(emailed, user):
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        emailed,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not still_on(user)


def test_unsubscribing_twice_is_fine(emailed, user):
    Client().post(emailed)

    assert Client().post(emailed).status_code == 200
    assert not still_on(user)


def test_it_stops_only_the_kind_of_email_it_came_with(emailed, user):
    moments(user)

    Client().post(emailed)

    assert not still_on(user, "nudge")
    assert still_on(user, "honesty")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_with_a_clear_page(emailed, user, method):
    token = emailed.split("/")[-2]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    response = getattr(Client(), method)(f"/reminders/unsubscribe/{tampered}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert still_on(user)


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.Signer(salt="another.salt").sign_object([1, "nudge"]),
        signing.dumps([1, "nudge"], salt=SALT),
        signing.Signer(salt=SALT).sign_object(["1", "nudge"]),
        signing.Signer(salt=SALT).sign_object([1, "everything"]),
        signing.Signer(salt=SALT).sign_object({"p": 1}),
        signing.Signer(salt=SALT).sign_object([1]),
        "%00",
    ],
)
def test_tokens_we_did_not_sign_for_this_are_refused(db, token):
    response = Client().post(f"/reminders/unsubscribe/{token}/")

    assert response.status_code == 400


def test_a_token_for_an_account_that_is_gone_is_refused(user):
    token = unsubscribe_token(user, "nudge")
    user.delete_account()

    assert Client().post(f"/reminders/unsubscribe/{token}/").status_code == 400


def test_other_methods_are_refused(emailed):
    assert Client().put(emailed).status_code == 405


def test_in_discreet_mode_the_page_is_titled_notes_even_when_not_signed_in(emailed, user):
    user.discreet_mode = True
    user.save()

    html = Client().get(emailed).content.decode()

    assert "<title>Notes</title>" in html
    assert "Healing Hearts" not in html.split("</head>")[0]

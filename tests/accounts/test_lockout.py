"""Nobody can lock a person out of their own account by guessing at it, and the
person hears, once a day at most, that guessing was seen."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from tests.accounts.factories import PASSWORD

WRONG = "not the password at all"


def log_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def own_browser(user) -> Client:
    """The person's browser, which signed in to this account once before."""
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert log_in(client, user.email).status_code == 302
    assert settings.DEVICE_COOKIE_NAME in client.cookies
    client.post("/accounts/logout/")
    return client


def test_after_100_wrong_guesses_from_elsewhere_the_person_signs_in_at_once(user):
    browser = own_browser(user)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(100):
        log_in(attacker, user.email, WRONG)
    assert log_in(attacker, user.email).status_code != 302  # the guesser stays paused

    response = log_in(browser, user.email)

    assert response.status_code == 302
    assert browser.session[SESSION_KEY] == str(user.pk)


def test_guesses_from_the_persons_own_browser_are_still_slowed(user):
    browser = own_browser(user)
    for _ in range(5):
        log_in(browser, user.email, WRONG)

    response = log_in(browser, user.email)

    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in browser.session


def test_a_browser_marked_for_another_account_is_a_stranger_here(user, other_user):
    browser = own_browser(other_user)
    for _ in range(5):
        log_in(Client(REMOTE_ADDR="203.0.113.9"), user.email, WRONG)

    response = log_in(browser, user.email)

    assert "Too many failed login attempts" in response.content.decode()


def test_a_forged_device_cookie_counts_for_nothing(user):
    for _ in range(5):
        log_in(Client(REMOTE_ADDR="203.0.113.9"), user.email, WRONG)
    forger = Client(REMOTE_ADDR="203.0.113.10")
    forger.cookies[settings.DEVICE_COOKIE_NAME] = "0" * 64

    assert "Too many failed login attempts" in log_in(forger, user.email).content.decode()


def test_the_person_gets_one_neutral_notice_a_day_when_guessing_is_seen(user):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        log_in(attacker, user.email, WRONG)
    assert mail.outbox == []  # a few wrong passwords are not news

    for _ in range(20):
        log_in(attacker, user.email, WRONG)
        log_in(Client(REMOTE_ADDR="203.0.113.11"), user.email, WRONG)

    assert [message.to for message in mail.outbox] == [[user.email]]
    notice = mail.outbox[0]
    assert notice.subject == "A note about signing in"
    assert "wrong passwords" in notice.body
    assert "Healing Hearts" not in notice.subject
    assert WRONG not in notice.body and "203.0.113" not in notice.body


def test_guessing_at_an_address_without_an_account_sends_nothing(db):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        log_in(attacker, "nobody@example.com", WRONG)

    assert mail.outbox == []


def test_the_notice_is_sent_after_the_response_not_inside_it(user):
    """Through the WSGI handler, as gunicorn runs it: the response is complete before
    any notice goes out, and the notice goes out when the server closes it."""
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        log_in(attacker, user.email, WRONG)
    attacker.get("/accounts/login/")
    request = RequestFactory().post(
        "/accounts/login/",
        {"login": user.email, "password": WRONG},
        REMOTE_ADDR="203.0.113.9",
    )
    request.environ["HTTP_COOKIE"] = f"csrftoken={attacker.cookies['csrftoken'].value}"
    request.environ["HTTP_X_CSRFTOKEN"] = attacker.cookies["csrftoken"].value

    # As Django's test client does: the test's open transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(request.environ, lambda status, headers: None)
        body = b"".join(response)

        assert b"Too many failed login attempts" in body
        assert mail.outbox == []
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_a_browser_marked_before_a_secret_key_rotation_is_still_the_persons_own(user, settings):
    browser = own_browser(user)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-a-new-secret-key-a-new-secret-key-a-new"
    for _ in range(5):
        log_in(Client(REMOTE_ADDR="203.0.113.9"), user.email, WRONG)

    assert log_in(browser, user.email).status_code == 302

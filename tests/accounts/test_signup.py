from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts import crypto
from accounts.models import User
from tests.accounts.helpers import link_in_last_email

PASSPHRASE = "quiet mornings by the river"


def sign_up(client, email="new@example.com", password=PASSPHRASE):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_signing_up_sends_a_link_and_confirming_it_signs_you_in(client, db):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/settings/").status_code == 302  # not signed in yet
    link = link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert not EmailAddress.objects.get(email="new@example.com").verified  # a GET changes nothing

    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.com").verified
    assert client.get("/settings/").status_code == 200


def test_a_new_person_gets_their_own_data_key(client, db):
    sign_up(client)

    person = User.objects.get(email="new@example.com")
    assert crypto.decrypt(person, crypto.encrypt(person, "hello")) == "hello"


def test_unverified_people_cannot_reach_anything_private(client, db):
    sign_up(client, "unverified@example.com")
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "unverified@example.com", "password": PASSPHRASE}
    )

    assert response["Location"] == "/accounts/confirm-email/"
    for path in ["/settings/", "/settings/export/", "/settings/delete/", "/accounts/2fa/"]:
        assert client.get(path)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "at least 10 characters"),
        ("password123", "too common"),
        ("1234567890123", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(client, db, password, message):
    response = sign_up(client, password=password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_long_passphrases_are_welcome(client, db):
    response = sign_up(client, password="a very long passphrase " * 4)

    assert response.status_code == 302
    assert User.objects.filter(email="new@example.com").exists()


def test_passwords_are_hashed_with_argon2(client, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    sign_up(client)

    assert User.objects.get().password.startswith("argon2")


def test_signing_up_from_an_exercise_returns_to_it_after_confirming(client, db):
    back = "/guide/learning-to-love-again/#exercise-love-kind-letter"
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
            "next": back,
        },
    )
    link = link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")

    response = client.post(link)

    assert response["Location"] == back


def test_emails_do_not_name_the_site_in_their_subject(client, db):
    sign_up(client)

    assert "Healing Hearts" not in mail.outbox[-1].subject
    assert "confirm" in mail.outbox[-1].subject.lower()


def test_sign_up_keeps_the_browsers_time_zone(client, db):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
            "time_zone": "America/New_York",
        },
    )

    assert User.objects.get().time_zone == "America/New_York"


def test_an_unknown_time_zone_at_sign_up_falls_back_to_utc(client, db):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
            "time_zone": "localtime",
        },
    )

    assert User.objects.get().time_zone == "UTC"

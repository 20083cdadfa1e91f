"""Nobody can learn whether an address has an account here."""

from __future__ import annotations

import re

from django.core import mail

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def comparable(response) -> tuple[int, str, str]:
    body = CSRF.sub("", response.content.decode()) if response.status_code == 200 else ""
    return response.status_code, response.get("Location", ""), body


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, user):
    known = client.post("/accounts/password/reset/", {"email": user.email}, follow=True)
    known_mail = len(mail.outbox)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)

    assert comparable(known) == comparable(unknown)
    assert known_mail == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["nobody@example.com"]
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_sign_up_answers_the_same_for_known_and_unknown_addresses(client, user):
    form = {"password1": "quiet mornings by the river", "password2": "quiet mornings by the river"}

    known = client.post("/accounts/signup/", {**form, "email": user.email})
    unknown = client.post("/accounts/signup/", {**form, "email": "fresh@example.com"})

    assert comparable(known) == comparable(unknown)
    assert [message.to for message in mail.outbox] == [[user.email], ["fresh@example.com"]]


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_address(client, user):
    wrong = client.post("/accounts/login/", {"login": user.email, "password": "not it at all"})
    unknown = client.post(
        "/accounts/login/", {"login": "nobody@example.com", "password": "not it at all"}
    )

    assert comparable(wrong)[:2] == comparable(unknown)[:2]
    assert comparable(wrong)[2].replace(user.email, "") == comparable(unknown)[2].replace(
        "nobody@example.com", ""
    )

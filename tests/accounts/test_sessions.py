from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.accounts.factories import PASSWORD


def signed_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_sessions_page_lists_where_you_are_signed_in(user):
    laptop = signed_in(user, "Laptop Browser")
    signed_in(user, "Phone Browser")

    html = laptop.get("/accounts/sessions/").content.decode()

    assert "Laptop Browser" in html
    assert "Phone Browser" in html


def test_sign_out_everywhere_else_keeps_only_this_session(user):
    laptop = signed_in(user, "Laptop Browser")
    phone = signed_in(user, "Phone Browser")

    laptop.post("/accounts/sessions/")

    assert laptop.get("/settings/").status_code == 200
    assert phone.get("/settings/").status_code == 302
    assert SESSION_KEY not in phone.session


def test_changing_the_password_ends_the_other_sessions(user):
    laptop = signed_in(user, "Laptop Browser")
    phone = signed_in(user, "Phone Browser")
    new = "a different gentle passphrase"

    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )

    assert response.status_code == 302
    assert laptop.get("/settings/").status_code == 200
    assert phone.get("/settings/").status_code == 302

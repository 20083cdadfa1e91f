from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.helpers import link_in_last_email, reauthenticate


@pytest.mark.parametrize("path", ["/", "/support/", "/privacy/", "/accounts/login/"])
def test_every_html_response_carries_the_security_headers(client, db, path):
    response = client.get(path)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "img-src 'self' data:" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_missing_page_carries_them_too(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_pages_for_signed_in_people_are_never_stored(auth_client):
    response = auth_client.get("/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_signing_out_is_never_stored_either(auth_client):
    response = auth_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client, db):
    response = client.get("/support/")

    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/privacy/", "/accounts/login/", "/no-such-page/"])
def test_no_other_site_may_embed_a_response(client, db, path):
    assert client.get(path)["Cross-Origin-Resource-Policy"] == "same-origin"


def test_static_files_carry_it_too(client, db, settings):
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = True  # as in development

    response = Client().get("/static/css/base.css")

    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_signing_out_clears_the_browsers_cache_and_storage_but_keeps_cookies(auth_client):
    assert "Clear-Site-Data" not in auth_client.get("/accounts/logout/")

    response = auth_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_deleting_the_account_clears_the_browser_too(auth_client):
    reauthenticate(auth_client)
    assert "Clear-Site-Data" not in auth_client.get("/settings/delete/")

    response = auth_client.post("/settings/delete/", {"confirmation": "delete my account"})

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_password_reset_key_pages_are_never_stored(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    link = link_in_last_email(r"/accounts/password/reset/key/[^\s]+/")

    key_page = client.get(link)
    set_password_page = client.get(key_page["Location"])

    assert key_page.status_code == 302 and set_password_page.status_code == 200
    for response in (key_page, set_password_page):
        assert "no-store" in response["Cache-Control"]

from __future__ import annotations

import pytest


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


def test_public_pages_for_visitors_may_be_cached(client, db):
    response = client.get("/support/")

    assert "no-store" not in response.get("Cache-Control", "")

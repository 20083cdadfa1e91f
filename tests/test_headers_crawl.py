"""Every response carries the security headers (the hardening issue owns the list;
tests/crawl.py `header_problems` checks it): here every POST to every URL the crawl
reaches, anonymous, signed in and as staff (every GET: tests/test_get_changes_nothing.py);
a signed-in page is never stored. With production settings, plain HTTP redirects to
HTTPS, HSTS holds for a year, and every cookie is __Host- prefixed.
"""

from __future__ import annotations

import runpy
from http.cookies import Morsel

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client

from tests.accounts.factories import PASSWORD
from tests.crawl import (
    HTMX,
    VISITORS,
    build_world,
    every_url,
    header_problems,
    signed_in_client,
    still_signed_in,
    visitor,
)
from tests.healing.test_settings import PRODUCTION, ROOT

HOST = "healing.example"  # production's ALLOWED_HOSTS
YEAR = 365 * 24 * 60 * 60

# Production settings the tests keep their own of, and why: the rest come from
# healing/settings.py read with production's environment.
KEPT_FROM_TESTS = {
    "CACHES": "the tests' own cache, not production's Redis",
    "CACHE_URL": "the tests' own cache, not production's Redis",
    "DATABASES": "the test database",
    "EMAIL_BACKEND": "the tests' outbox",
    "FIELD_ENCRYPTION_KEYS": "the keys the test data is sealed with",
    "PASSWORD_HASHERS": "the tests' fast hasher",
    "SECRET_KEY": "the key the test sessions are signed with",
    "STATIC_URL": "the same, as Django normalised it at start-up",
    "STORAGES": "static files are not collected for the tests",
    "TASKS": "tasks run at once in the tests",
    "TEMPLATES": "the same, with the loaders template_partials added at start-up",
}


@pytest.fixture
def production(settings, monkeypatch) -> None:
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(ROOT / "healing" / "settings.py"))
    for name, value in values.items():
        if name.isupper() and not name.startswith("_") and name not in KEPT_FROM_TESTS:
            setattr(settings, name, value)
    assert not settings.DEBUG and settings.SECURE_SSL_REDIRECT


def test_what_a_response_lacks_is_named():
    response = HttpResponse()
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-eval'"
    response["X-Content-Type-Options"] = "nosniff"

    assert header_problems(response, signed_in=True) == [
        "script-src allows [\"'self'\", \"'unsafe-eval'\"]",
        "frame-ancestors is None",
        "Referrer-Policy is None",
        "Cross-Origin-Resource-Policy is None",
        "Cross-Origin-Opener-Policy is None",
        "X-Frame-Options is None",
        "signed in, but Cache-Control is None",
    ]


@pytest.mark.parametrize("who", VISITORS)
def test_every_post_answers_with_the_security_headers(user, who):
    world = build_world(user)
    person = visitor(who, world)
    client = signed_in_client(person) if person else Client()
    wrong, checked = [], 0

    for visit in every_url(world, who):
        for headers in ({}, HTMX):
            if person and not still_signed_in(client):
                client = signed_in_client(person)  # after signing out
            response = client.post(visit.path, headers=headers)
            request = f"POST{' htmx' if headers else ''} {visit}"
            problems = header_problems(response, signed_in=person is not None)
            wrong += [f"{request}: {problem}" for problem in problems]
            if response.status_code >= 500:
                wrong.append(f"{request} answered {response.status_code}")
            checked += 1

    assert wrong == []
    assert checked > 80


def test_in_production_plain_http_goes_to_https(production, user):
    world = build_world(user)
    client = Client(HTTP_HOST=HOST)
    stayed = []

    for visit in every_url(world):
        response = client.get(visit.path)
        if response.status_code != 301:
            stayed.append(visit.path)
        else:
            assert response["Location"] == f"https://{HOST}{visit.path}"

    assert stayed == ["/healthz"]  # the load balancer's health check (SECURE_REDIRECT_EXEMPT)


@pytest.mark.parametrize("who", VISITORS)
def test_in_production_every_response_holds_hsts_for_a_year(production, user, who):
    world = build_world(user)
    person = visitor(who, world)
    https = {"secure": True, "HTTP_HOST": HOST}
    client = signed_in_client(person, **https) if person else Client(**https)
    wrong = []

    for visit in every_url(world, who):
        if person and not still_signed_in(client):
            client = signed_in_client(person, **https)  # after Quick exit
        response = client.get(visit.path, secure=True)
        hsts = dict(
            (part.strip().partition("=")[::2])
            for part in response.get("Strict-Transport-Security", "").split(";")
        )
        if int(hsts.get("max-age") or 0) < YEAR or "includeSubDomains" not in hsts:
            wrong.append(f"{visit}: Strict-Transport-Security is {hsts}")
        problems = header_problems(response, signed_in=person is not None)
        wrong += [f"{visit}: {problem}" for problem in problems]

    assert wrong == []


def test_in_production_every_cookie_is_host_prefixed_and_https_only(production, user):
    https = {"secure": True, "HTTP_HOST": HOST}
    client = Client(**https)
    set_cookies: list[Morsel] = []
    for response in (
        client.get("/accounts/login/", **https),
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, **https),
    ):
        set_cookies += response.cookies.values()

    assert {cookie.key for cookie in set_cookies} == {
        django_settings.CSRF_COOKIE_NAME,
        django_settings.SESSION_COOKIE_NAME,
        django_settings.DEVICE_COOKIE_NAME,
        django_settings.MESSAGE_COOKIE_NAME,  # "Successfully signed in"
    }
    for cookie in set_cookies:
        assert cookie.key.startswith("__Host-"), cookie.key
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"], cookie

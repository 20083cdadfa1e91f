from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views import defaults

from healing.views import server_error


def test_a_missing_page_gets_the_calm_404_in_the_site_layout(client, db):
    response = client.get("/nowhere/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert "data-quick-exit" in html
    assert "Get support now" in html


@pytest.mark.parametrize(
    ("view", "status", "words"),
    [
        (defaults.bad_request, 400, "That request did not look right"),
        (defaults.permission_denied, 403, "This page is not open to you"),
    ],
)
def test_other_error_pages_are_calm_too(db, view, status, words):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = view(request, exception=Exception())

    assert response.status_code == status
    assert words in response.content.decode()


def test_the_server_error_page_needs_no_database_yet_has_quick_exit(settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"

    response = server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert 'href="https://neutral.example/"' in html


def test_the_rate_limit_page_explains_the_pause(db):
    html = render_to_string("429.html")

    assert "Too many tries" in html


def test_an_expired_form_explains_how_to_go_on(client, db, user):
    csrf_client = type(client)(enforce_csrf_checks=True)

    response = csrf_client.post("/accounts/login/", {"login": user.email, "password": "x"})

    assert response.status_code == 403
    assert "Your page had been open for a while" in response.content.decode()

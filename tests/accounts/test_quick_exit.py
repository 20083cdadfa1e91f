from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from tests.accounts.factories import PASSWORD

EXIT_URL = "https://neutral.example/"


@pytest.fixture(autouse=True)
def _neutral_site(settings):
    settings.QUICK_EXIT_URL = EXIT_URL


def test_it_signs_out_and_leaves_for_the_neutral_site(auth_client):
    response = auth_client.get("/quick-exit/")

    assert response.status_code == 302
    assert response["Location"] == EXIT_URL
    assert SESSION_KEY not in auth_client.session
    assert auth_client.get("/settings/").status_code == 302


def test_it_tells_the_browser_to_forget_its_cache_and_storage_but_not_cookies(auth_client):
    response = auth_client.get("/quick-exit/")

    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "cookies" not in response["Clear-Site-Data"]
    assert "no-store" in response["Cache-Control"]


def test_it_needs_no_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.get("/quick-exit/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_it_keeps_a_person_signed_in_who_chose_that(auth_client, user):
    user.stay_signed_in_on_quick_exit = True
    user.save()

    response = auth_client.get("/quick-exit/")

    assert response.status_code == 302
    assert response["Location"] == EXIT_URL
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert auth_client.get("/settings/").status_code == 200


def test_the_setting_is_off_by_default_and_saved_from_the_settings_page(auth_client, user):
    assert not user.stay_signed_in_on_quick_exit
    assert 'name="stay_signed_in_on_quick_exit"' in auth_client.get("/settings/").content.decode()

    auth_client.post("/settings/", {"time_zone": "UTC", "stay_signed_in_on_quick_exit": "on"})

    user.refresh_from_db()
    assert user.stay_signed_in_on_quick_exit


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
    ],
)
def test_a_prefetch_is_answered_204_and_changes_nothing(auth_client, header):
    response = auth_client.get("/quick-exit/", **header)

    assert response.status_code == 204
    assert "Clear-Site-Data" not in response
    assert "no-store" in response["Cache-Control"]
    assert SESSION_KEY in auth_client.session


def test_a_visitor_is_sent_on_too(client, db):
    response = client.get("/quick-exit/")

    assert response.status_code == 302
    assert response["Location"] == EXIT_URL


def test_it_ends_the_session_that_allauth_lists(user):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    key = client.session.session_key

    client.get("/quick-exit/")

    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_405_to_other_methods(auth_client, method):
    response = getattr(auth_client, method)("/quick-exit/")

    assert response.status_code == 405
    assert SESSION_KEY in auth_client.session

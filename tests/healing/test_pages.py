from __future__ import annotations

import pytest

PUBLIC_PAGES = ["/", "/support/", "/privacy/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_serves_public_pages_to_visitors(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<main id="main"' in html
    assert 'href="#main"' in html


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_has_quick_exit_and_support(client, db, settings, path):
    settings.QUICK_EXIT_URL = "https://neutral.example/"

    html = client.get(path).content.decode()

    assert 'href="/quick-exit/"' in html
    assert 'data-quick-exit="https://neutral.example/"' in html
    assert 'href="/support/"' in html
    assert "Get support now" in html


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_refuses_to_change_anything_with_post(client, db, path):
    assert client.post(path).status_code == 405


def test_landing_invites_visitors_to_sign_up(client, db):
    html = client.get("/").content.decode()

    assert "Sign up" in html
    assert 'href="/accounts/signup/"' in html


def test_signed_in_people_see_a_sign_out_form_not_a_link(auth_client):
    html = auth_client.get("/").content.decode()

    assert 'action="/accounts/logout/"' in html
    assert 'method="post"' in html
    assert 'href="/accounts/signup/"' not in html


def test_support_page_names_crisis_lines_and_says_it_is_not_therapy(client, db):
    html = client.get("/support/").content.decode()

    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert '<a href="tel:116123">116 123</a>' in html
    assert 'href="https://findahelpline.com/"' in html
    assert "not therapy" in html


def test_privacy_page_says_what_is_and_is_not_encrypted(client, db):
    html = client.get("/privacy/").content.decode()

    assert "What is encrypted" in html
    assert "What is not encrypted" in html
    assert "What encryption protects, and what it does not" in html


def test_htmx_is_served_by_the_site_with_a_safe_configuration(client, db):
    html = client.get("/").content.decode()

    assert 'src="/static/django_htmx/htmx-2.min.js"' in html
    assert '"historyCacheSize": 0' in html
    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html
    assert 'hx-headers=\'{"X-CSRFToken": ' in html


def test_no_page_uses_inline_script_style_or_handlers(client, db):
    for path in PUBLIC_PAGES:
        html = client.get(path).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert " onclick=" not in html and " onload=" not in html


def test_allauth_pages_render_inside_the_site_layout(client, db):
    html = client.get("/accounts/login/").content.decode()

    assert '<html lang="en">' in html
    assert '<main id="main"' in html
    assert "data-quick-exit" in html

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_pause_guides_grounding_and_breathing(client):
    html = client.get("/pause/").content.decode()

    assert "things you can see" in html
    assert "thing you can taste" in html
    assert "Breathe slowly" in html
    assert 'href="/">Back to the start</a>' in html


def test_the_pause_leads_back_to_where_the_person_was(client):
    back = "/guide/roots-of-trust-issues/#exercise-roots-silent-question"

    response = client.get("/pause/", {"back": back})

    assert f'href="{back}">Back to where I was</a>' in response.content.decode()


@pytest.mark.parametrize(
    "back", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]
)
def test_the_pause_never_leads_to_another_site(client, back):
    html = client.get("/pause/", {"back": back}).content.decode()

    assert "elsewhere" not in html
    assert "javascript:" not in html
    assert "Back to the start" in html


def test_exercises_of_chapters_one_to_three_offer_a_pause(client):
    for slug in ("roots-of-trust-issues", "emotional-toll-of-broken-trust", "rebuilding-trust"):
        html = client.get(reverse("guide:chapter", args=[slug])).content.decode()
        assert "Take a pause" in html, slug
        assert 'id="pause-panel"' in html
    later = client.get(reverse("guide:chapter", args=["learning-to-love-again"])).content.decode()
    assert "Take a pause" not in later


def test_the_journal_editor_offers_a_pause(auth_client):
    html = auth_client.get(reverse("journal:entry-new")).content.decode()

    assert "data-pause>Take a pause</a>" in html
    assert 'id="pause-panel"' in html


def test_every_page_links_the_plan_and_today_and_support_do_too(auth_client, client):
    plan = reverse("safety:plan")
    for page in ("/privacy/", "/support/"):
        assert f'href="{plan}"' in client.get(page).content.decode()
    assert f'href="{plan}"' in auth_client.get("/").content.decode()

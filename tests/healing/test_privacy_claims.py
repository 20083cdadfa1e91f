"""No page promises more privacy than the code keeps (issue 11)."""

from __future__ import annotations

import re

import pytest

from healing.models import Exercise
from tests.healing.factories import ResponseFactory
from tests.healing.test_chapter import SLUGS

pytestmark = pytest.mark.django_db

# Whoever runs the server holds the master keys: none of these is true.
OVERCLAIMS = [
    r"only you can read",
    r"only you\b\W*\s*your exercise answers",
    r"nobody else can read",
    r"not other people, and not us",
    r"\bnot us\b",
    r"belongs to you alone",
    r"nobody here reads",
    r"no one (?:else )?(?:can|will) (?:ever )?(?:read|see)",
    r"\beven we\b",
    r"stays private",
]

PUBLIC_PAGES = [
    "/",
    "/support/",
    "/privacy/",
    "/guide/",
    *[f"/guide/{slug}/" for slug in SLUGS],
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/safety-plan/",
    "/pause/",
]

SIGNED_IN_PAGES = [
    "/",
    "/support/",
    "/privacy/",
    "/guide/",
    *[f"/guide/{slug}/" for slug in SLUGS],
    "/reflections/",
    "/settings/",
    "/settings/export/",
    "/settings/import/",
    "/settings/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/safety-plan/",
    "/safety-plan/print/",
    "/safety-plan/versions/",
    "/pause/",
]


def readable(html: str) -> str:
    """The page's words, with tags and line breaks out of the way."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()


def assert_no_overclaim(html: str, path: str) -> None:
    for text in (" ".join(html.split()).lower(), readable(html)):
        for claim in OVERCLAIMS:
            assert not re.search(claim, text), f"{path} says {claim!r}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_promises_privacy_the_code_does_not_keep(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_no_overclaim(response.content.decode(), path)


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_no_signed_in_page_promises_privacy_the_code_does_not_keep(auth_client, user, path):
    for exercise in Exercise.objects.current():
        ResponseFactory(user=user, exercise=exercise)

    response = auth_client.get(path, follow=True)

    assert response.status_code == 200
    assert_no_overclaim(response.content.decode(), path)


def test_no_answer_page_promises_privacy_the_code_does_not_keep(auth_client, user):
    response = ResponseFactory(
        user=user, exercise=Exercise.objects.get(key="rebuild-accountability-agreements")
    )

    page = auth_client.get(f"/reflections/{response.code}/")

    assert page.status_code == 200
    assert_no_overclaim(page.content.decode(), "an answer's printable page")


def privacy_section(client, heading: str) -> str:
    html = client.get("/privacy/").content.decode()
    start = html.index(f">{heading}</h2>")
    return readable(html[start : html.index("<h2", start)])


def test_the_privacy_page_names_what_is_stored_in_clear(client):
    clear = privacy_section(client, "What is not encrypted")

    for fact in [
        "stored in clear",
        "your email address",
        "your time zone",
        "when you last signed in",
        "the id of the exercise it answers",
        "the date you answered",
        "which chapters you have opened",
        "which you marked complete and when",
        "the days you ticked in a practice plan",
        "whether two-factor authentication is on",
        "the browser's name, the ip address it signed in from",
    ]:
        assert fact in clear, fact


def test_the_privacy_page_says_what_encryption_protects_against_and_what_it_does_not(client):
    limits = privacy_section(client, "What encryption protects, and what it does not")

    assert "a backup of it, is stolen or copied" in limits
    assert "curious database administrator" in limits
    assert "it does not protect your words from whoever runs the server" in limits
    assert "hold the master keys, and with them they could decrypt what you wrote" in limits


def test_the_privacy_page_points_to_covering_your_tracks(client):
    html = client.get("/privacy/").content.decode()

    assert 'href="/support/#covering-your-tracks"' in html


def test_the_privacy_page_describes_the_journal_and_the_reminders(client):
    html = client.get("/privacy/").content.decode()
    page = readable(html[html.index('<main id="main"') : html.index("</main>")])

    assert "in your journal, each entry's title and text, the names of your tags" in page
    assert "for each journal entry: its id, the date you give it" in page
    assert "and the mood you give a journal entry (1 to 5)" in page
    assert "your reminders, if you turn any on: which kinds, at what time" in page
    assert "whether it was sent" in page
    assert "each has a link that stops it at once, without signing in" in page


def test_the_privacy_page_says_what_the_search_index_can_reveal(client):
    html = client.get("/privacy/").content.decode()
    page = readable(html[html.index('<main id="main"') : html.index("</main>")])

    assert "which of your entries share words" in page
    assert "not what the words are" in page

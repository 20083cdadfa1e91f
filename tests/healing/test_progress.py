from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from healing.models import READ_AGAIN_AFTER, Chapter, Progress

pytestmark = pytest.mark.django_db


def contents(client) -> str:
    return client.get("/guide/").content.decode()


def test_a_new_reader_has_started_nothing(auth_client):
    html = contents(auth_client)

    assert html.count("Not started") == 6
    assert 'value="0"' in html
    assert "Continue where you left off" not in html


def test_reading_a_chapter_marks_it_in_progress_and_continue_follows(auth_client, user):
    auth_client.get("/guide/rebuilding-trust/")

    html = contents(auth_client)

    assert html.count("Not started") == 5
    assert "In progress" in html
    assert 'href="/guide/rebuilding-trust/">Continue where you left off' in html


def test_a_reload_a_moment_later_writes_nothing_and_continue_still_follows_the_reader(
    auth_client, user
):
    auth_client.get("/guide/rebuilding-trust/")
    read = user.guide_progress.get().last_read_at
    with CaptureQueriesContext(connection) as reload:
        auth_client.get("/guide/rebuilding-trust/")

    assert reload.captured_queries
    assert not any(q["sql"].startswith(("UPDATE", "INSERT")) for q in reload.captured_queries)
    assert user.guide_progress.get().last_read_at == read

    auth_client.get("/guide/roots-of-trust-issues/")
    auth_client.get("/guide/rebuilding-trust/")  # back, within the minute: it moves again
    assert 'href="/guide/rebuilding-trust/">Continue where you left off' in contents(auth_client)

    Progress.objects.update(last_read_at=read - READ_AGAIN_AFTER)
    auth_client.get("/guide/rebuilding-trust/")  # a while later: marked read again
    assert user.guide_progress.get(chapter__slug="rebuilding-trust").last_read_at > read


def test_continue_returns_to_the_last_exercise_answered(auth_client, user):
    auth_client.get("/guide/introduction/")
    auth_client.post(
        "/guide/exercises/love-kind-letter/", {"love-kind-letter-prompt-dear-me": "You did well."}
    )

    html = contents(auth_client)

    assert 'href="/guide/learning-to-love-again/#exercise-love-kind-letter"' in html
    chapter_html = auth_client.get("/guide/learning-to-love-again/").content.decode()
    assert 'href="#exercise-love-kind-letter">Continue where you left off' in chapter_html


def test_marking_a_chapter_complete_shows_on_the_contents_and_progress_bar(auth_client, user):
    response = auth_client.post("/guide/introduction/complete/", {"complete": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/guide/introduction/#complete"
    html = contents(auth_client)
    assert "Complete" in html
    assert "1 of 6 chapters complete" in html
    assert '<progress id="guide-progress" max="6" value="1">' in html


def test_mark_complete_with_htmx_returns_the_button_fragment(auth_client, user):
    response = auth_client.post(
        "/guide/introduction/complete/", {"complete": "1"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode().strip()
    assert html.startswith('<form class="complete"')
    assert "Mark as not complete" in html
    # The progress line at the top of the page follows, out of band.
    assert 'id="guide-progress-line" hx-swap-oob="true"' in html
    assert "1 of 6 chapters complete" in html


def test_a_chapter_can_be_marked_not_complete_again(auth_client, user):
    auth_client.post("/guide/introduction/complete/", {"complete": "1"})
    auth_client.post("/guide/introduction/complete/", {"complete": "0"})

    progress = Progress.objects.get(user=user, chapter__slug="introduction")
    assert progress.completed_at is None


def test_marking_complete_needs_sign_in_and_post(client, auth_client, db):
    assert client.post("/guide/introduction/complete/")["Location"].startswith("/accounts/login/")
    assert auth_client.get("/guide/introduction/complete/").status_code == 405
    assert auth_client.post("/guide/nowhere/complete/").status_code == 404


def test_one_persons_progress_is_not_anothers(auth_client, user, other_user):
    auth_client.post("/guide/introduction/complete/", {"complete": "1"})
    auth_client.force_login(other_user)

    html = contents(auth_client)

    assert html.count("Not started") == 6
    assert Progress.objects.get().user == user
    assert Chapter.objects.count() == 6


def test_marking_complete_with_nonsense_is_refused(auth_client, user):
    response = auth_client.post("/guide/introduction/complete/", {"complete": "maybe"})

    assert response.status_code == 400
    assert "did not look right" in response.content.decode()
    assert not Progress.objects.exists()


def test_once_the_last_chapter_read_is_complete_continue_offers_the_next_unfinished(auth_client):
    auth_client.get("/guide/introduction/")
    auth_client.post("/guide/roots-of-trust-issues/complete/", {"complete": "1"})
    auth_client.get("/guide/roots-of-trust-issues/")
    auth_client.post("/guide/roots-of-trust-issues/complete/", {"complete": "1"})

    html = contents(auth_client)

    assert 'href="/guide/emotional-toll-of-broken-trust/">Continue where you left off' in html


def test_a_reader_who_finished_everything_is_not_sent_back(auth_client):
    for chapter in Chapter.objects.all():
        auth_client.post(f"/guide/{chapter.slug}/complete/", {"complete": "1"})

    assert "Continue where you left off" not in contents(auth_client)

"""/settings/reminders/: every reminder off by default, each turned on and changed here;
the worksheet's planned moments and "come back to this" from the exercise cards."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reminders.forms import CHOOSE_ALL
from reminders.models import Kind, Reminder
from tests.healing.factories import ResponseFactory, exercise
from tests.reminders.factories import MOMENTS, moments, revisit

URL = "/settings/reminders/"
OFF = {"nudge-at": "", "moments-weekday": "", "moments-at": "", "moments-frequency": ""}


def test_anonymous_visitors_are_asked_to_sign_in(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.post(URL, OFF)["Location"].startswith("/accounts/login/")


def test_everything_is_off_by_default(auth_client, user):
    html = auth_client.get(URL).content.decode()

    assert 'name="nudge-active"' in html and "checked" not in html
    assert "Scheduled moments of honesty" in html
    assert "never contain anything you wrote" in html
    assert not Reminder.objects.exists()


def test_the_account_settings_page_leads_to_reminders(auth_client):
    assert 'href="/settings/reminders/"' in auth_client.get("/settings/").content.decode()


def test_a_daily_reminder_is_turned_on_at_a_chosen_time(auth_client, user):
    response = auth_client.post(URL, {**OFF, "nudge-active": "on", "nudge-at": "20:30"})

    assert response.status_code == 302
    nudge = Reminder.objects.get(user=user, kind=Kind.NUDGE)
    assert (nudge.active, nudge.at) == (True, datetime.time(20, 30))
    assert 'value="20:30"' in auth_client.get(URL).content.decode()


def test_a_daily_reminder_without_a_time_is_explained(auth_client, user):
    response = auth_client.post(URL, {**OFF, "nudge-active": "on"})

    assert response.status_code == 400
    assert "Choose the time of day for your reminder." in response.content.decode()
    assert not Reminder.objects.exists()


def test_a_time_that_is_not_one_is_explained(auth_client):
    response = auth_client.post(URL, {**OFF, "nudge-at": "25:99"})

    assert response.status_code == 400
    assert "Write a time like 20:30." in response.content.decode()


def test_moments_are_planned_with_a_day_a_time_and_how_often(auth_client, user):
    data = {
        **OFF,
        "moments-weekday": "2",
        "moments-at": "19:30",
        "moments-frequency": "fortnightly",
        "moments-active": "on",
    }

    assert auth_client.post(URL, data).status_code == 302

    planned = Reminder.objects.get(user=user, kind=Kind.HONESTY)
    assert (planned.weekday, planned.at, planned.frequency, planned.active) == (
        2,
        datetime.time(19, 30),
        "fortnightly",
        True,
    )
    assert planned.starts_on.weekday() == 2 and planned.starts_on >= user.today()


def test_half_a_plan_is_explained(auth_client, user):
    response = auth_client.post(URL, {**OFF, "moments-weekday": "2"})

    assert response.status_code == 400
    assert CHOOSE_ALL in response.content.decode()


def test_a_day_that_is_not_one_is_explained(auth_client):
    response = auth_client.post(URL, {**OFF, "moments-weekday": "9"})

    assert response.status_code == 400
    assert "Choose a day from the list." in response.content.decode()


def test_clearing_the_plan_removes_it(auth_client, user):
    moments(user)

    auth_client.post(URL, OFF)

    assert not Reminder.objects.filter(kind=Kind.HONESTY).exists()


def test_other_methods_are_refused(auth_client):
    assert auth_client.put(URL).status_code == 405


# The worksheet


def test_the_worksheet_offers_its_plan_and_saves_it_from_the_chapter(auth_client, user):
    page = auth_client.get("/guide/rebuilding-trust/").content.decode()
    assert f'action="/reminders/moments/{MOMENTS}/"' in page

    response = auth_client.post(
        f"/reminders/moments/{MOMENTS}/",
        {"moments-weekday": "6", "moments-at": "10:00", "moments-frequency": "monthly"},
    )

    assert response["Location"] == f"/guide/rebuilding-trust/#exercise-{MOMENTS}"
    planned = Reminder.objects.get(user=user, kind=Kind.HONESTY)
    assert (planned.weekday, planned.active) == (6, False)  # emails stay off until asked for


def test_a_half_plan_from_the_worksheet_is_explained_on_its_own_page(auth_client):
    response = auth_client.post(f"/reminders/moments/{MOMENTS}/", {"moments-at": "10:00"})

    assert response.status_code == 400
    assert CHOOSE_ALL in response.content.decode()


def test_only_a_worksheet_that_plans_moments_takes_a_plan(auth_client):
    response = auth_client.post(
        "/reminders/moments/roots-silent-question/",
        {"moments-weekday": "6", "moments-at": "10:00", "moments-frequency": "monthly"},
    )

    assert response.status_code == 404


def test_the_next_planned_moments_show_on_today(auth_client, user):
    moments(user)

    html = auth_client.get("/").content.decode()

    assert "Coming up" in html
    assert html.count("Wednesday") >= 2 and "19:30" in html


def test_today_says_nothing_of_moments_when_none_are_planned(auth_client):
    assert "Coming up" not in auth_client.get("/").content.decode()


# Coming back to an answer


def test_an_answered_exercise_offers_to_remind_and_a_revisit_is_set(auth_client, user):
    ResponseFactory(user=user)
    page = auth_client.get("/guide/roots-of-trust-issues/").content.decode()
    assert 'action="/reminders/revisit/roots-silent-question/"' in page

    response = auth_client.post("/reminders/revisit/roots-silent-question/", {"weeks": "4"})

    assert response["Location"] == "/guide/roots-of-trust-issues/#exercise-roots-silent-question"
    reminder = Reminder.objects.get(user=user, kind=Kind.REVISIT)
    assert reminder.on == user.today() + datetime.timedelta(weeks=4)
    assert reminder.active
    page = auth_client.get("/guide/roots-of-trust-issues/").content.decode()
    assert "We will remind you to come back to this on" in page
    assert f'action="/reminders/{reminder.code}/cancel/"' in page
    assert reminder.exercise.title in auth_client.get(URL).content.decode()


def test_the_kept_revisit_form_carries_each_readers_own_working_token(user, other_user):
    """The form is drawn once for every reader of the exercise; its CSRF token is not."""
    chapter, action = "/guide/roots-of-trust-issues/", "/reminders/revisit/roots-silent-question/"
    tokens = []
    for person in (user, other_user):
        ResponseFactory(user=person)
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        page = client.get(chapter).content.decode()
        form = page[page.index(f'action="{action}"') :].split("</form>")[0]
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1])
        refused = client.post(action, {"weeks": "4"})
        accepted = client.post(action, {"weeks": "4", "csrfmiddlewaretoken": tokens[-1]})

        assert refused.status_code == 403
        assert accepted.status_code == 302
    assert tokens[0] != tokens[1]
    assert Reminder.objects.filter(kind=Kind.REVISIT).count() == 2


def test_a_revisit_in_weeks_not_offered_is_explained(auth_client):
    response = auth_client.post("/reminders/revisit/roots-silent-question/", {"weeks": "52"})

    assert response.status_code == 400
    assert "Choose one of the times in the list." in response.content.decode()
    assert not Reminder.objects.exists()


def test_a_revisit_is_cancelled_and_back_to_the_exercise(auth_client, user):
    reminder = revisit(user)
    back = reminder.exercise.get_absolute_url()

    response = auth_client.post(f"/reminders/{reminder.code}/cancel/", {"next": back})

    assert response["Location"] == back
    assert not Reminder.objects.exists()


def test_cancelling_never_sends_the_person_to_another_site(auth_client, user):
    reminder = revisit(user)

    response = auth_client.post(
        f"/reminders/{reminder.code}/cancel/", {"next": "https://elsewhere.example/"}
    )

    assert response["Location"] == URL


def test_another_person_cannot_cancel_someone_elses_reminder(user, other_user):
    reminder = revisit(user)
    stranger = Client()
    stranger.force_login(other_user)

    response = stranger.post(f"/reminders/{reminder.code}/cancel/")

    assert response.status_code == 404
    assert Reminder.objects.filter(pk=reminder.pk).exists()


@pytest.mark.parametrize("path", ["/reminders/revisit/roots-silent-question/", URL])
def test_anonymous_posts_are_sent_to_sign_in(client, db, path):
    assert client.post(path, {"weeks": "4"})["Location"].startswith("/accounts/login/")


def test_the_chapter_page_asks_for_reminders_once_however_many_exercises(auth_client, user):
    chapter = exercise("roots-silent-question").chapter
    exercises = list(chapter.exercises.all())
    assert len(exercises) >= 3
    for each in exercises:
        ResponseFactory(user=user, exercise=each)
        revisit(user, each.key)

    with CaptureQueriesContext(connection) as captured:
        html = auth_client.get(chapter.get_absolute_url()).content.decode()

    asked = [query for query in captured if "reminders_reminder" in query["sql"]]
    assert len(asked) == 1
    assert html.count("We will remind you to come back to this on") == len(exercises)


def test_revisits_stopped_from_an_email_are_no_longer_shown_as_coming(auth_client, user):
    ResponseFactory(user=user)
    revisit(user)
    Reminder.objects.stop(user, Kind.REVISIT)

    page = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert "We will remind you to come back to this on" not in page
    assert 'action="/reminders/revisit/roots-silent-question/"' in page
    assert "we will email you on" not in auth_client.get(URL).content.decode()

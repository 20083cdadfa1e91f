"""Today: where a signed-in person lands, meeting them where they are."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from healing import guide_cache
from healing.models import Chapter, Progress
from journal.models import CheckIn, Entry
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def today_page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_account_is_welcomed_not_welcomed_back(auth_client):
    html = today_page(auth_client)

    assert "<h1>Welcome</h1>" in html
    assert "Welcome back" not in html
    assert "Start reading: Introduction" in html
    assert "streak" not in html.lower()


def test_a_reader_mid_chapter_continues_at_the_exercise_they_were_on(auth_client, user):
    chapter = Chapter.objects.get(slug="roots-of-trust-issues")
    Progress.objects.mark_read(user, chapter, "roots-ask-yourself")

    html = today_page(auth_client)

    assert 'href="/guide/roots-of-trust-issues/#exercise-roots-ask-yourself"' in html
    assert "Continue: " in html


def test_a_reader_who_finished_the_guide_is_told_so_kindly(auth_client, user):
    for chapter in Chapter.objects.all():
        Progress.objects.mark_complete(user, chapter, True)

    html = today_page(auth_client)

    assert "You have read the whole guide." in html
    assert "6 of 6 chapters complete" in html


def test_someone_back_after_a_long_gap_is_welcomed_back_without_counting_days(auth_client, user):
    entry = make_entry(user)
    Entry.objects.filter(pk=entry.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=40)
    )

    html = today_page(auth_client)

    assert "Welcome back" in html
    assert "nothing to catch up on" in html
    header = html[html.index('class="today__header"') : html.index("</header>")]
    assert "40" not in header and "missed" not in html.lower()


def test_someone_who_wrote_yesterday_just_sees_today(auth_client, user):
    make_entry(user, title="Yesterday's words")

    html = today_page(auth_client)

    assert "<h1>Today</h1>" in html
    assert "Yesterday&#x27;s words" in html


def test_the_prompt_is_the_same_all_day_and_changes_on_other_days(user):
    day = datetime.date(2026, 6, 1)

    first = guide_cache.kept().prompt_for_day(user, day)
    again = guide_cache.kept().prompt_for_day(user, day)
    later = [day + datetime.timedelta(days=n) for n in range(1, 8)]
    others = {guide_cache.kept().prompt_for_day(user, other)[1] for other in later}

    assert first == again
    assert len(others | {first[1]}) > 1


def test_every_prompt_is_something_to_write_about_never_a_field_label(user):
    days = [datetime.date(2026, 1, 1) + datetime.timedelta(days=n) for n in range(400)]
    prompts = {guide_cache.kept().prompt_for_day(user, day)[1] for day in days}

    assert "Which moments trigger my doubt?" in prompts
    assert any(prompt.startswith("Journal your feelings") for prompt in prompts)
    labels = {"Dear me,", "Vulnerability", "With whom", "The old story I tell myself"}
    assert prompts.isdisjoint(labels)
    assert all(prompt.endswith(("?", ".")) and len(prompt) > 20 for prompt in prompts)


def test_the_prompt_follows_the_persons_day_not_the_servers(auth_client, user, monkeypatch):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14
    user.save()
    late_utc = datetime.datetime(2026, 6, 1, 20, 0, tzinfo=datetime.UTC)  # already 2 June there
    monkeypatch.setattr(timezone, "now", lambda: late_utc)

    html = today_page(auth_client)

    expected = guide_cache.kept().prompt_for_day(user, datetime.date(2026, 6, 2))
    assert expected[1].replace("'", "&#x27;") in html
    assert "Tuesday 2 June" in html


def test_the_mood_check_in_works_by_htmx_and_a_second_one_changes_it(auth_client, user):
    first = auth_client.post("/journal/mood/", {"mood": "2"}, headers=HTMX)
    second = auth_client.post("/journal/mood/", {"mood": "4"}, headers=HTMX)

    assert first.status_code == second.status_code == 200
    html = second.content.decode()
    assert html.lstrip().startswith('<section class="today__card check-in"')
    assert 'value="4" class="check-in__mood check-in__mood--chosen" aria-pressed="true"' in html
    assert "Today's mood: good." in html
    assert list(CheckIn.objects.values_list("day", "mood")) == [(user.today(), 4)]


def test_a_tap_answers_with_the_card_as_it_was_drawn_the_chosen_mood_keeping_the_focus(
    auth_client,
):
    html = auth_client.post("/journal/mood/", {"mood": "3"}, headers=HTMX).content.decode()

    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[1]
    buttons = "".join(
        f"""
        <button type="submit" name="mood" value="{value}" class="check-in__mood{chosen}" \
aria-pressed="{pressed}"{focus}>
          <span class="check-in__number" aria-hidden="true">{value}</span> {label}
        </button>
      """
        for value, label, chosen, pressed, focus in [
            (1, "Very low", "", "false", ""),
            (2, "Low", "", "false", ""),
            (3, "Okay", " check-in__mood--chosen", "true", " autofocus"),
            (4, "Good", "", "false", ""),
            (5, "Very good", "", "false", ""),
        ]
    )
    assert (
        html
        == f"""
<section class="today__card check-in" id="check-in" aria-labelledby="check-in-title">
  <h2 id="check-in-title">How are you today?</h2>
  <form method="post" action="/journal/mood/" hx-post="/journal/mood/" hx-target="#check-in" \
hx-swap="outerHTML">
    <input type="hidden" name="csrfmiddlewaretoken" value="{token}">
    <div class="check-in__moods" role="group" aria-labelledby="check-in-title">
      {buttons}
    </div>
  </form>
  <p class="check-in__status muted" role="status">Today's mood: okay. You can change it any \
time today.</p>
</section>
"""
    )
    assert "autofocus" not in today_page(auth_client)


def test_a_refused_tap_still_offers_the_five_moods(auth_client):
    html = auth_client.post("/journal/mood/", {"mood": "9"}, headers=HTMX).content.decode()

    assert html.count('<button type="submit" name="mood"') == 5
    assert 'aria-pressed="true"' not in html


def test_the_mood_check_in_works_without_javascript(auth_client, user):
    response = auth_client.post("/journal/mood/", {"mood": "3"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    html = today_page(auth_client)
    assert "mood is saved: okay" in html
    assert 'aria-pressed="true"' in html


@pytest.mark.parametrize("mood", ["9", "", "x"])
def test_a_mood_outside_one_to_five_is_refused_clearly(auth_client, mood):
    response = auth_client.post("/journal/mood/", {"mood": mood}, headers=HTMX)

    assert response.status_code == 400
    assert "Choose how you are today, from 1 to 5." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_check_in_needs_a_post_and_a_signed_in_person(client, auth_client):
    assert auth_client.get("/journal/mood/").status_code == 405
    assert client.post("/journal/mood/", {"mood": "3"})["Location"].startswith("/accounts/login/")


def test_on_this_day_shows_only_when_chosen_and_only_the_persons_own(auth_client, user, other_user):
    today = user.today()
    a_year_ago = today.replace(year=today.year - 1)
    make_entry(user, title="Last year, same day", entry_date=a_year_ago)
    make_entry(user, title="Last year, other day", entry_date=a_year_ago - datetime.timedelta(1))
    make_entry(other_user, title="Someone else's day", entry_date=a_year_ago)

    off = today_page(auth_client)
    user.on_this_day = True
    user.save()
    on = today_page(auth_client)

    section = on[on.index('id="on-this-day-title"') :].split("</section>")[0]
    assert 'id="on-this-day-title"' not in off
    assert "Last year, same day" in section
    assert "Last year, other day" not in section and "Someone else" not in on


def test_on_this_day_is_a_setting_off_by_default(auth_client, user):
    html = auth_client.get("/settings/").content.decode()
    auth_client.post("/settings/", {"display_name": "", "time_zone": "UTC", "on_this_day": "on"})

    assert 'name="on_this_day"' in html
    assert not user.on_this_day
    user.refresh_from_db()
    assert user.on_this_day


@pytest.mark.parametrize("entries", [10, 100])
def test_today_costs_the_same_few_queries_whatever_the_journal_holds(
    auth_client, user, entries, django_assert_max_num_queries
):
    user.on_this_day = True
    user.save()
    for n in range(entries):
        make_entry(user, entry_date=user.today() - datetime.timedelta(days=365 * (n % 3)))
    today_page(auth_client)  # the guide's chapters are read once per process and version

    with django_assert_max_num_queries(10):
        today_page(auth_client)


def test_today_is_the_same_number_of_queries_for_10_and_100_entries(auth_client, user):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            today_page(auth_client)
        return len(queries)

    count()  # the guide's chapters and exercises are read once, then kept (guide_cache)
    for _ in range(10):
        make_entry(user)
    ten = count()
    for _ in range(90):
        make_entry(user)

    assert count() == ten

from __future__ import annotations

import datetime

import pytest

from healing.models import Exercise, PracticeTick
from tests.healing.factories import PracticeTickFactory, ResponseFactory

pytestmark = pytest.mark.django_db

KEY = "toll-honor-your-emotions"
URL = f"/guide/exercises/{KEY}/days/"


@pytest.fixture
def plan(user):
    return ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key=KEY),
        answer={"practices": {"seek-support": "daily", "practice-self-compassion": "weekly"}},
    )


def day(n: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def test_the_chosen_practices_show_the_last_fourteen_days_as_checkboxes(auth_client, plan):
    html = auth_client.get("/guide/emotional-toll-of-broken-trust/").content.decode()

    assert html.count('name="tick" value="seek-support:') == 14
    assert html.count('name="tick" value="practice-self-compassion:') == 14
    assert 'value="journal-your-feelings:' not in html
    assert "streak" not in html.lower()


def test_ticking_days_records_exactly_those_days(auth_client, user, plan):
    response = auth_client.post(URL, {"tick": [f"seek-support:{day(0)}", f"seek-support:{day(3)}"]})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#exercise-{KEY}")
    assert sorted(t.day.isoformat() for t in user.guide_ticks.all()) == [day(3), day(0)]

    ticked = [f"seek-support:{day(0)}", f"seek-support:{day(3)}"]
    auth_client.post(URL, {"tick": [f"seek-support:{day(3)}"], "was": ticked})
    assert [t.day.isoformat() for t in user.guide_ticks.all()] == [day(3)]
    html = auth_client.get("/guide/emotional-toll-of-broken-trust/").content.decode()
    assert f'value="seek-support:{day(3)}" aria-label' in html
    assert f'{day(3)}" aria-label="Seek support, ' in html


def test_days_outside_the_window_are_left_alone(auth_client, user, plan):
    old = PracticeTickFactory(user=user, day=datetime.date.today() - datetime.timedelta(days=30))

    auth_client.post(URL, {})

    assert list(user.guide_ticks.all()) == [old]


def test_an_htmx_tick_returns_only_its_status(auth_client, plan):
    response = auth_client.post(
        URL, {"tick": [f"seek-support:{day(1)}"]}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<p class="save-status" data-tick-status')
    assert "Days saved" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["journal-your-feelings:" + day(0), "seek-support:" + day(20), "nonsense", "x:y"]
)
def test_a_day_or_practice_not_on_offer_is_refused(auth_client, user, plan, value):
    for headers in ({"HX-Request": "true"}, {}):
        response = auth_client.post(URL, {"tick": [value]}, headers=headers)

        assert response.status_code == 400
        assert "Reload the page, then tick your days again." in response.content.decode()
    assert not PracticeTick.objects.exists()


def test_ticking_needs_sign_in_post_and_a_practice_plan(client, auth_client, plan):
    assert client.post(URL)["Location"].startswith("/accounts/login/")
    assert auth_client.get(URL).status_code == 405
    assert auth_client.post("/guide/exercises/roots-silent-question/days/").status_code == 404


def test_another_persons_ticks_never_touch_mine(auth_client, user, other_user, plan):
    mine = PracticeTickFactory(user=user, day=datetime.date.today())
    auth_client.force_login(other_user)

    response = auth_client.post(URL, {"tick": [f"seek-support:{day(0)}"]})

    # They have chosen no practices, so nothing they send is on offer.
    assert response.status_code == 400
    assert list(PracticeTick.objects.all()) == [mine]


def test_ticks_of_a_practice_dropped_from_the_plan_are_kept(auth_client, user, plan):
    exercise = Exercise.objects.get(key=KEY)
    PracticeTickFactory(user=user, exercise=exercise, practice="journal-your-feelings", day=day(2))

    auth_client.post(URL, {"tick": [f"seek-support:{day(1)}"]})

    kept = set(PracticeTick.objects.values_list("practice", flat=True))
    assert kept == {"journal-your-feelings", "seek-support"}


def test_today_comes_first_so_a_phone_shows_it(auth_client, plan):
    html = auth_client.get("/guide/emotional-toll-of-broken-trust/").content.decode()

    today = html.index(f'value="seek-support:{day(0)}"')
    assert today < html.index(f'value="seek-support:{day(1)}"')
    assert '<th scope="col">Today</th>' in html


def test_an_autosaved_plan_answers_with_its_days_table_redrawn(auth_client, user):
    field = f"{KEY}-practice-seek-support"
    html = auth_client.post(
        f"/guide/exercises/{KEY}/",
        {field: "daily", "autosave": "1"},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert "data-save-status" in html
    assert f'id="exercise-{KEY}-days"' in html
    assert 'aria-label="Seek support, ' in html
    assert "Journal your feelings, " not in html


def test_a_plan_refused_on_autosave_answers_with_the_status_only(auth_client, user):
    html = auth_client.post(
        f"/guide/exercises/{KEY}/",
        {f"{KEY}-practice-seek-support": "hourly", "autosave": "1"},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert "is not one of the choices" in html
    assert "data-practice-days-slot" not in html

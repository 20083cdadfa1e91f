from __future__ import annotations

import datetime
import json

import pytest
from django.apps import apps

from accounts import portability
from healing.models import Exercise, PracticeTick, Progress, Response
from tests.healing.factories import PracticeTickFactory, ResponseFactory

pytestmark = pytest.mark.django_db

TRICKY = "  Line one\r\nLine two\t“quoted” — émoji 💙 <b>not html</b>\n\n"


@pytest.fixture
def guide_data(user):
    letter = Exercise.objects.get(key="love-kind-letter")
    ResponseFactory(
        user=user,
        exercise=letter,
        answered_on=datetime.date(2026, 1, 2),
        answer={"prompts": {"dear-me": TRICKY}},
    )
    ResponseFactory(user=user, exercise=letter, version=2, answer={"prompts": {"dear-me": "Now"}})
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="love-healthy-boundaries"),
        answer={"items": ["Rest", TRICKY]},
    )
    Progress.objects.mark_read(user, letter.chapter, "love-kind-letter")
    Progress.objects.mark_complete(user, letter.chapter, True)
    PracticeTickFactory(user=user, day=datetime.date(2026, 3, 1))
    return user


def guide_export(user) -> str:
    return json.dumps(portability.export_data(user)["guide"], ensure_ascii=False, sort_keys=True)


def test_the_guide_registers_every_model_that_holds_a_persons_rows():
    part = portability.PARTS["guide"]
    user_model = apps.get_model("accounts.User")
    owned = {
        model._meta.label
        for model in apps.get_app_config("healing").get_models()
        if any(
            field.is_relation and field.related_model is user_model
            for field in model._meta.get_fields()
        )
    }

    assert (
        owned
        == set(part.models)
        == {
            "healing.Response",
            "healing.Progress",
            "healing.PracticeTick",
        }
    )


def test_export_then_import_round_trips_byte_for_byte(guide_data, user):
    before = guide_export(user)
    data = json.loads(json.dumps(portability.export_data(user), ensure_ascii=False))

    Response.objects.all().delete()
    Progress.objects.all().delete()
    PracticeTick.objects.all().delete()
    report = portability.import_data(user, data)

    assert report["guide"] == {
        "responses": 3,
        "responses_over_the_limits": 0,
        "progress": 1,
        "practice_ticks": 1,
    }
    assert guide_export(user) == before
    assert (
        TRICKY
        in user.guide_responses.get(version=1, exercise__key="love-kind-letter").answer["prompts"][
            "dear-me"
        ]
    )


def test_importing_twice_duplicates_nothing(guide_data, user):
    data = portability.export_data(user)

    report = portability.import_data(user, data)

    assert report["guide"] == {
        "responses": 0,
        "responses_over_the_limits": 0,
        "progress": 0,
        "practice_ticks": 0,
    }
    assert user.guide_responses.count() == 3


def test_import_into_another_account_encrypts_with_that_persons_key(guide_data, user, other_user):
    data = portability.export_data(user)
    Response.objects.all().delete()

    portability.import_data(other_user, data)

    assert other_user.guide_responses.count() == 3
    assert other_user.guide_responses.get(version=2).answer == {"prompts": {"dear-me": "Now"}}


def test_restoring_into_a_second_account_works_while_the_first_still_exists(
    guide_data, user, other_user
):
    data = portability.export_data(user)

    first = portability.import_data(other_user, data)
    second = portability.import_data(other_user, data)

    assert first["guide"]["responses"] == 3
    assert second["guide"]["responses"] == 0
    assert other_user.guide_responses.count() == user.guide_responses.count() == 3
    mine = {response.code for response in user.guide_responses.all()}
    assert not mine & {response.code for response in other_user.guide_responses.all()}


def test_an_answer_over_the_limits_is_skipped_and_reported_the_rest_imported(guide_data, user):
    data = portability.export_data(user)
    Response.objects.all().delete()
    for item in data["guide"]["responses"]:
        if item["exercise"] == "love-healthy-boundaries":
            item["answer"] = {"items": ["Rest"] * 101}
        elif item["version"] == 1:
            item["answer"] = {"prompts": {"dear-me": "x" * 5_000_000}}

    report = portability.import_data(user, data)

    assert report["guide"]["responses"] == 1
    assert report["guide"]["responses_over_the_limits"] == 2
    assert user.guide_responses.get().answer == {"prompts": {"dear-me": "Now"}}
    assert "Not restored, because they are longer than what can be written here: " in (
        portability.describe(report)
    )
    assert "2 responses" in portability.describe(report).split("Not restored")[1]


def test_an_export_naming_an_unknown_exercise_is_refused_clearly(user):
    data = {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "guide": {
            "responses": [
                {
                    "code": "2b7f2c4e-8a5e-4c57-9a53-0f0d1b9e6c11",
                    "exercise": "no-such-exercise",
                    "version": 1,
                    "answered_on": "2026-01-01",
                    "created_at": "2026-01-01T00:00:00+00:00",
                    "updated_at": "2026-01-01T00:00:00+00:00",
                    "answer": {},
                }
            ]
        },
    }

    with pytest.raises(portability.UnreadableExport, match="no-such-exercise"):
        portability.import_data(user, data)


def test_markdown_holds_every_answer_and_version_by_chapter(guide_data, user):
    files = portability.PARTS["guide"].markdown(user)

    text = files["04-learning-to-love-again.md"]
    assert text.startswith("# Learning to Love Again")
    assert "A kind letter to myself — version 1, 2026-01-02" in text
    assert TRICKY in text
    assert "Now" in text
    assert "2026-03-01" in files["practice-days.md"]


def test_markdown_writes_a_list_answer_as_a_numbered_list(user):
    ResponseFactory(
        user=user,
        exercise=Exercise.objects.get(key="love-healthy-boundaries"),
        answered_on=datetime.date(2026, 1, 2),
        answer={"items": ["Rest", "I say no\n\nwithout a reason"]},
    )

    text = portability.PARTS["guide"].markdown(user)["04-learning-to-love-again.md"]

    assert "1. Rest\n2. I say no\n\n   without a reason\n" in text
    assert "**1.**" not in text


def test_deleting_the_person_deletes_their_guide_rows(guide_data, user, other_user):
    ResponseFactory(user=other_user)

    user.delete()

    assert Response.objects.count() == 1
    assert not Progress.objects.exists()
    assert not PracticeTick.objects.exists()
    assert Exercise.objects.count() == 15


def one_response(**changes) -> dict:
    item = {
        "code": "2b7f2c4e-8a5e-4c57-9a53-0f0d1b9e6c11",
        "exercise": "love-kind-letter",
        "version": 1,
        "answered_on": "2026-01-01",
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
        "answer": {"prompts": {"dear-me": "Hello"}},
    }
    return {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "guide": {"responses": [{**item, **changes}]},
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"answer": {"prompts": ["a list, not texts by prompt"]}},
        {"answer": {"items": "a list builder's answer on a reflection"}},
        {"answer": "not an object"},
        {"version": -1},
        {"version": "1"},
        {"created_at": "garbage"},
        {"answered_on": "2026-13-45"},
    ],
)
def test_a_damaged_answer_is_refused_and_nothing_is_stored(user, changes):
    with pytest.raises(portability.UnreadableExport, match="damaged"):
        portability.import_data(user, one_response(**changes))

    assert not Response.objects.exists()


def test_a_tick_for_a_practice_the_exercise_no_longer_has_is_skipped(user):
    data = {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "guide": {
            "practice_ticks": [
                {"exercise": "toll-honor-your-emotions", "practice": "x" * 200, "day": "2026-01-01"}
            ]
        },
    }

    report = portability.import_data(user, data)

    assert report["guide"]["practice_ticks"] == 0
    assert not PracticeTick.objects.exists()

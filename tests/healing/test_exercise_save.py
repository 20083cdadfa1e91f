from __future__ import annotations

import datetime

import pytest

from healing.models import Exercise, Response
from tests.database import stored
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

LONG = "x" * 20_001

# key: (valid data, invalid data, words the error must say, typed text that must be kept)
KINDS = {
    "reflection": (
        "roots-ask-yourself",
        {"prompt-trigger-doubt": "  Silence after an argument.\n"},
        {"prompt-trigger-doubt": LONG, "prompt-protect-myself": "Kept words"},
        "up to 20,000 characters",
        "Kept words",
    ),
    "checklist": (
        "roots-where-doubt-comes-from",
        {"options": ["childhood-neglect", "something-else"], "note": "A note"},
        {"options": ["aliens"], "note": "Kept note"},
        "is not one of the choices",
        "Kept note",
    ),
    "feelings": (
        "toll-name-what-i-feel",
        {"feelings": ["sadness", "hope"], "feelings-sadness": "3", "feelings-hope": "1"},
        {"feelings": ["sadness"], "feelings-sadness": "9", "note": "Kept feeling note"},
        "is not one of the choices",
        "Kept feeling note",
    ),
    "practice_plan": (
        "toll-honor-your-emotions",
        {"practice-seek-support": "weekly"},
        {"practice-seek-support": "hourly"},
        "is not one of the choices",
        "hourly",
    ),
    "list_builder": (
        "toll-people-i-can-reach-out-to",
        {"item": ["Ana"], "new_item": "My sister", "op": "add"},
        {"item": ["Ana", "Kept item"], "op": "remove:7"},
        "list action was not understood",
        "Kept item",
    ),
    "worksheet": (
        "rebuild-accountability-agreements",
        {"field-what-i-will-do": "Call every Sunday."},
        {"field-what-i-will-do": LONG, "field-how-we-check-in": "Kept check-in"},
        "up to 20,000 characters",
        "Kept check-in",
    ),
    "lookback": (
        "conclusion-looking-back",
        {"prompt-my-next-step": "Rest."},
        {"prompt-my-next-step": "   ", "prompt-what-i-have-learned": ""},
        "nothing to save yet",
        "   </textarea>",
    ),
}


def post_data(key: str, fields: dict) -> dict:
    return {f"{key}-{name}": value for name, value in fields.items()}


def url(key: str) -> str:
    return f"/guide/exercises/{key}/"


@pytest.mark.parametrize("kind", KINDS)
def test_an_htmx_save_returns_the_exercise_fragment_only(auth_client, user, kind):
    key, valid, *_ = KINDS[kind]

    response = auth_client.post(url(key), post_data(key, valid), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<section class="exercise exercise--{kind}"')
    assert "<html" not in html
    assert "Saved " in html
    assert user.guide_responses.get(exercise__key=key).version == 1


@pytest.mark.parametrize("kind", KINDS)
def test_an_autosave_returns_only_the_saved_status(auth_client, user, kind):
    key, valid, *_ = KINDS[kind]

    response = auth_client.post(
        url(key), {**post_data(key, valid), "autosave": "1"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<p class="save-status"')
    assert "Saved " in html
    # Never the form being typed in; a plan's days table (its own form) comes along.
    assert "data-autosave" not in html
    assert ("<form" in html) == (kind == "practice_plan")


@pytest.mark.parametrize("kind", KINDS)
def test_a_plain_post_saves_and_redirects_back_to_the_exercise(auth_client, user, kind):
    key, valid, *_ = KINDS[kind]

    response = auth_client.post(url(key), post_data(key, valid))

    chapter = Exercise.objects.get(key=key).chapter
    assert response.status_code == 302
    assert response["Location"] == f"/guide/{chapter.slug}/#exercise-{key}"
    assert user.guide_responses.filter(exercise__key=key).count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_invalid_input_gets_a_clear_message_and_keeps_what_was_typed(auth_client, user, kind):
    key, _, invalid, message, kept = KINDS[kind]

    for headers in ({"HX-Request": "true"}, {}):
        response = auth_client.post(url(key), post_data(key, invalid), headers=headers)

        html = response.content.decode()
        assert response.status_code == 400
        assert message in html.lower()
        assert kept in html
    assert not Response.objects.exists()


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "lookback"])
def test_an_invalid_autosave_says_why_in_the_status(auth_client, kind):
    key, _, invalid, message, _ = KINDS[kind]

    response = auth_client.post(
        url(key), {**post_data(key, invalid), "autosave": "1"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert html.strip().startswith('<p class="save-status"')
    assert "Not saved" in html
    assert message in html.lower() or message in html


def test_text_is_stored_exactly_as_typed_with_line_breaks_as_newlines(auth_client, user):
    typed = "  Leading spaces, trailing newline, émoji 💙 and <b>tags</b>\n"

    auth_client.post(
        url("roots-silent-question"),
        {"roots-silent-question-prompt-open-again": typed.replace("\n", "\r\n")},
    )

    assert user.guide_responses.get().answer == {"prompts": {"open-again": typed}}


def test_an_empty_first_answer_is_refused_but_clearing_a_saved_one_is_kept(auth_client, user):
    key = "roots-silent-question"
    field = f"{key}-prompt-open-again"

    assert auth_client.post(url(key), {field: ""}).status_code == 400
    auth_client.post(url(key), {field: "Yes"})
    assert auth_client.post(url(key), {field: ""}).status_code == 302

    assert user.guide_responses.get().answer == {"prompts": {"open-again": ""}}


def test_an_autosave_of_nothing_before_any_answer_saves_nothing_quietly(auth_client, user):
    key = "roots-silent-question"

    response = auth_client.post(
        url(key), {f"{key}-prompt-open-again": "", "autosave": "1"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'role="status"></p>' in response.content.decode()  # nothing to say, no failure
    assert not Response.objects.exists()


def test_the_list_builder_adds_edits_reorders_and_removes_without_javascript(auth_client, user):
    key = "love-healthy-boundaries"

    def post(**fields):
        response = auth_client.post(url(key), post_data(key, fields))
        assert response.status_code == 302
        return user.guide_responses.get().answer["items"]

    assert post(new_item="Sundays", op="add") == ["Sundays"]
    assert post(item=["Sundays"], new_item="No shouting", op="add") == ["Sundays", "No shouting"]
    assert post(item=["Sundays off", "No shouting"], op="save") == ["Sundays off", "No shouting"]
    assert post(item=["Sundays off", "No shouting"], op="up:1") == ["No shouting", "Sundays off"]
    assert post(item=["No shouting", "Sundays off"], op="down:0") == ["Sundays off", "No shouting"]
    assert post(item=["Sundays off", "No shouting"], op="remove:0") == ["No shouting"]


@pytest.mark.parametrize("op", ["remove:x", "up:-1", "down:5", "explode", "remove:"])
def test_a_malformed_list_operation_changes_nothing(auth_client, user, op):
    key = "love-healthy-boundaries"
    ResponseFactory(user=user, exercise=Exercise.objects.get(key=key), answer={"items": ["A"]})

    response = auth_client.post(url(key), post_data(key, {"item": ["A"], "op": op}))

    assert response.status_code == 400
    assert "list action was not understood" in response.content.decode()
    assert user.guide_responses.get().answer == {"items": ["A"]}


def test_adding_nothing_to_a_list_asks_for_words(auth_client):
    key = "love-healthy-boundaries"

    response = auth_client.post(url(key), post_data(key, {"new_item": "  ", "op": "add"}))

    assert response.status_code == 400
    assert "Write something to add first." in response.content.decode()


def test_an_autosave_does_not_add_the_half_typed_new_item(auth_client, user):
    key = "love-healthy-boundaries"
    ResponseFactory(user=user, exercise=Exercise.objects.get(key=key), answer={"items": ["A"]})

    auth_client.post(
        url(key),
        {**post_data(key, {"item": ["A, edited"], "new_item": "half"}), "autosave": "1"},
        headers={"HX-Request": "true"},
    )

    assert user.guide_responses.get().answer == {"items": ["A, edited"]}


def test_anonymous_saves_go_to_sign_in(client, db):
    response = client.post(url("roots-silent-question"), {"x": "y"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Response.objects.exists()


def test_saving_needs_post(auth_client):
    assert auth_client.get(url("roots-silent-question")).status_code == 405


def test_unknown_and_retired_exercises_are_not_found(auth_client):
    Exercise.objects.filter(key="roots-silent-question").update(retired=True)

    assert auth_client.post(url("no-such-exercise"), {}).status_code == 404
    assert auth_client.post(url("roots-silent-question"), {}).status_code == 404


def test_another_persons_save_never_touches_my_answer(auth_client, user, other_user):
    mine = ResponseFactory(user=user, answered_on=datetime.date.today())
    token = stored(mine, "private")
    auth_client.force_login(other_user)

    auth_client.post(
        url("roots-silent-question"), {"roots-silent-question-prompt-open-again": "Theirs"}
    )

    assert stored(mine, "private") == token
    assert other_user.guide_responses.get().answer == {"prompts": {"open-again": "Theirs"}}
    assert user.guide_responses.count() == 1


def test_a_list_position_that_is_not_a_plain_number_is_refused_clearly(auth_client):
    key = "love-healthy-boundaries"

    response = auth_client.post(url(key), post_data(key, {"item": ["Kept"], "op": "remove:²"}))

    assert response.status_code == 400
    assert "list action was not understood" in response.content.decode()
    assert "Kept" in response.content.decode()


def test_signing_in_from_an_expired_session_returns_to_the_exercise(client):
    response = client.post("/guide/exercises/love-kind-letter/", {"anything": "typed"})

    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/login/?next=/guide/learning-to-love-again/%23exercise-love-kind-letter"
    )


def test_an_autosave_answers_with_the_status_line_only_in_few_queries(
    auth_client, django_assert_max_num_queries
):
    url = "/guide/exercises/love-kind-letter/"
    data = {"love-kind-letter-prompt-dear-me": "Dear me, go gently.", "autosave": "1"}
    auth_client.post(url, data, headers={"HX-Request": "true"})

    data["love-kind-letter-prompt-dear-me"] += " Again."

    # Session, person, exercise, the current answer (locked) and its update in a savepoint,
    # progress: the owner is never fetched twice (it was, before answers were sealed fields).
    with django_assert_max_num_queries(8):
        response = auth_client.post(url, data, headers={"HX-Request": "true"})

    html = response.content.decode().strip()
    assert html.startswith('<p class="save-status"')
    assert "Saved " in html
    assert "textarea" not in html


def test_line_breaks_count_once_however_the_browser_sent_them(auth_client, user):
    field = "roots-silent-question-prompt-open-again"
    lines = "a\r\n" * 10_000  # 20,000 characters as the person sees them

    response = auth_client.post(url("roots-silent-question"), {field: lines})

    assert response.status_code == 302
    assert user.guide_responses.get().answer == {"prompts": {"open-again": "a\n" * 10_000}}


def test_a_plain_post_and_an_autosave_store_the_same_text(auth_client, user):
    key = "roots-silent-question"
    field = f"{key}-prompt-open-again"
    auth_client.post(url(key), {field: "One\r\ntwo\r\n", "editor": "plain-page-01"})
    plain = user.guide_responses.get().answer

    auth_client.post(
        url(key),
        {field: "One\ntwo\n", "autosave": "1", "editor": "plain-page-01"},
        headers={"HX-Request": "true"},
    )

    assert plain == user.guide_responses.get().answer == {"prompts": {"open-again": "One\ntwo\n"}}


def test_twenty_thousand_four_byte_characters_fit_in_one_answer(auth_client, user):
    key = "roots-silent-question"
    text = "💙" * 20_000  # 80,000 bytes, 240,000 once URL-encoded

    data = {f"{key}-prompt-open-again": text, "autosave": "1"}

    response = auth_client.post(url(key), data, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert user.guide_responses.get().answer["prompts"]["open-again"] == text


def test_one_character_over_the_limit_is_refused_with_its_count_and_kept(auth_client, user):
    key = "roots-silent-question"
    text = "💙" * 60_003

    response = auth_client.post(url(key), {f"{key}-prompt-open-again": text})

    html = response.content.decode()
    assert response.status_code == 400
    assert "up to 20,000 characters; this one has 60,003" in html
    assert text in html
    assert not user.guide_responses.exists()


def test_fields_carry_their_limit_for_the_live_count_and_take_their_direction_from_the_text(
    auth_client,
):
    html = auth_client.get("/guide/roots-of-trust-issues/").content.decode()

    assert 'data-limit="20000"' in html
    assert 'dir="auto"' in html


def test_a_body_of_close_to_three_megabytes_is_read_not_refused(auth_client, user):
    key = "roots-silent-question"
    text = "\U0001f499" * 19_000 + "a" * 1_000  # about 2.4 MB once URL-encoded with padding
    padding = {f"{key}-prompt-open-again": text, "pad": "x" * 2_500_000}

    response = auth_client.post(url(key), padding)

    assert response.status_code == 302
    assert user.guide_responses.get().answer["prompts"]["open-again"] == text

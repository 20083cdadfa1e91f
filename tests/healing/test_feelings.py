"""The feelings check-in: chips that work without JavaScript, codes in clear, notes sealed."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import crypto
from healing.feelings import FEELINGS
from tests.accounts.factories import UserFactory
from tests.database import raw_dump

KEY = "toll-name-what-i-feel"
URL = f"/guide/exercises/{KEY}/"
CHAPTER = "/guide/emotional-toll-of-broken-trust/"


@pytest.mark.django_db
def test_every_feeling_is_a_real_checkbox_with_its_intensity_as_radio_buttons(auth_client):
    html = auth_client.get(CHAPTER).content.decode()

    for feeling in FEELINGS:
        assert f'type="checkbox" name="{KEY}-feelings" value="{feeling.code}"' in html
        assert html.count(f'type="radio" name="{KEY}-feelings-{feeling.code}"') == 4
    assert "<select" not in html[html.index(f'id="exercise-{KEY}"') :].split("</section>")[0]
    assert "What these words mean" in html


@pytest.mark.django_db
def test_a_plain_post_saves_the_chosen_feelings_with_their_intensity(auth_client, user):
    response = auth_client.post(
        URL,
        {
            f"{KEY}-feelings": ["sadness", "hope"],
            f"{KEY}-feelings-sadness": "3",
            f"{KEY}-feelings-hope": "",  # no intensity said: somewhat
            f"{KEY}-feelings-anger": "4",  # an intensity without its feeling is ignored
            f"{KEY}-note": "A heavy week.",
        },
    )

    assert response.status_code == 302
    answer = user.guide_responses.get().answer
    assert answer == {"feelings": {"sadness": 3, "hope": 2}, "note": "A heavy week."}


@pytest.mark.django_db
def test_an_unknown_feeling_is_refused_clearly_and_the_note_kept(auth_client, user):
    response = auth_client.post(URL, {f"{KEY}-feelings": ["smug"], f"{KEY}-note": "Kept words"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "“smug” is not one of the choices" in html
    assert "Kept words" in html
    assert not user.guide_responses.exists()


@pytest.mark.django_db
def test_chosen_feelings_come_back_checked_with_their_intensity(auth_client):
    auth_client.post(URL, {f"{KEY}-feelings": ["anger"], f"{KEY}-feelings-anger": "4"})

    html = auth_client.get(CHAPTER).content.decode()

    assert f'name="{KEY}-feelings" value="anger" id="id_{KEY}-feelings-anger" checked' in html
    assert f'name="{KEY}-feelings-anger" value="4" id="id_{KEY}-feelings-anger-4" checked' in html


@pytest.mark.django_db
def test_feeling_codes_are_stored_in_clear_and_the_note_sealed(auth_client, user):
    auth_client.post(
        URL,
        {f"{KEY}-feelings": ["disbelief"], f"{KEY}-note": "note-canary-77aa"},
    )

    response = user.guide_responses.get()
    assert response.in_clear == {"feelings": {"disbelief": 2}}
    dump = raw_dump()
    assert "disbelief" in dump
    assert "note-canary-77aa" not in dump


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_check_in_feelings_into_clear():
    executor = MigrationExecutor(connection)
    executor.migrate([("healing", "0001_initial")])
    old = executor.loader.project_state([("healing", "0001_initial")]).apps
    user = UserFactory()
    person = old.get_model("accounts", "User").objects.get(pk=user.pk)
    exercise = old.get_model("healing", "Exercise").objects.get(key=KEY)
    answer = {"feelings": {"sadness": 3}, "note": "old-note-canary"}
    old.get_model("healing", "Response").objects.create(
        user=person,
        exercise=exercise,
        version=1,
        answered_on="2026-01-02",
        answer_token=crypto.encrypt(person, json.dumps(answer)),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    response = user.guide_responses.get()
    assert response.in_clear == {"feelings": {"sadness": 3}}
    assert response.private == {"note": "old-note-canary"}
    assert response.answer == answer

"""The sealed field: private values sealed with their owner's key, opened on read."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts import crypto
from healing.models import Exercise, Response
from tests.database import raw_dump, stored
from tests.healing.factories import ResponseFactory

pytestmark = pytest.mark.django_db

SECRET = {"prompts": {"open-again": "sealed-canary-1b6e"}}


def test_a_value_is_sealed_when_its_row_is_saved_and_opened_on_read(user):
    response = ResponseFactory(user=user, answer=SECRET)

    token = stored(response, "private")
    assert "sealed-canary" not in token
    assert crypto.decrypt(user, token) == '{"prompts": {"open-again": "sealed-canary-1b6e"}}'
    assert Response.objects.get(pk=response.pk).answer == SECRET


def test_bulk_created_rows_are_sealed_too(user):
    exercise = Exercise.objects.get(key="roots-silent-question")
    Response.objects.bulk_create(
        [Response(user=user, exercise=exercise, version=1, answered_on="2026-01-01", answer=SECRET)]
    )

    assert "sealed-canary" not in raw_dump()
    assert user.guide_responses.get().answer == SECRET


def test_writing_plain_text_past_the_model_is_refused(user):
    ResponseFactory(user=user, answer=SECRET)

    with pytest.raises(TypeError, match="sealed"), transaction.atomic():
        Response.objects.update(private={"prompts": {"open-again": "in clear"}})
    with pytest.raises(TypeError, match="sealed"), transaction.atomic():
        Response.objects.filter(private={"prompts": {}}).exists()
    assert "in clear" not in raw_dump()


def test_reading_through_the_owner_costs_no_second_query_for_the_owner(user):
    ResponseFactory(user=user, answer=SECRET)

    with CaptureQueriesContext(connection) as queries:
        assert user.guide_responses.get().answer == SECRET

    assert len(queries) == 1


def test_a_value_that_does_not_open_raises_instead_of_showing_anything(user, other_user):
    response = ResponseFactory(user=user, answer=SECRET)
    Response.objects.filter(pk=response.pk).update(user=other_user)

    with pytest.raises(crypto.DecryptionError):
        _ = Response.objects.get(pk=response.pk).answer


def test_an_unchanged_value_is_not_sealed_again_on_save(user):
    response = ResponseFactory(user=user, answer=SECRET)
    token = stored(response, "private")
    fresh = user.guide_responses.get()

    fresh.save()

    assert stored(response, "private") == token


def test_the_admin_and_serialisers_get_the_token_never_the_text(user):
    response = user.guide_responses.get(pk=ResponseFactory(user=user, answer=SECRET).pk)

    value = Response._meta.get_field("private").value_from_object(response)

    assert value == stored(response, "private")
    assert Response._meta.get_field("private").formfield() is None

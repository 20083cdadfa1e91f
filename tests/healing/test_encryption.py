from __future__ import annotations

import pytest

from accounts import crypto
from tests.database import raw_dump, stored

pytestmark = pytest.mark.django_db

CANARY = "canary-7f3a-broken-promise"


def test_answers_of_every_kind_are_not_in_the_database_in_clear(auth_client, user):
    saves = {
        "roots-silent-question": {"prompt-open-again": CANARY},
        "roots-where-doubt-comes-from": {"options": ["childhood-neglect"], "note": CANARY},
        "toll-name-what-i-feel": {"feelings": ["sadness"], "note": CANARY},
        "toll-people-i-can-reach-out-to": {"new_item": CANARY, "op": "add"},
        "rebuild-accountability-agreements": {"field-what-i-will-do": CANARY},
        "conclusion-looking-back": {"prompt-my-next-step": CANARY},
    }
    for key, fields in saves.items():
        data = {f"{key}-{name}": value for name, value in fields.items()}
        assert auth_client.post(f"/guide/exercises/{key}/", data).status_code == 302

    dump = raw_dump()

    assert user.guide_responses.count() == len(saves)
    assert CANARY not in dump
    assert CANARY[:12] not in dump


def test_answers_decrypt_only_with_their_owners_key(auth_client, user, other_user):
    auth_client.post(
        "/guide/exercises/roots-silent-question/",
        {"roots-silent-question-prompt-open-again": CANARY},
    )
    token = stored(user.guide_responses.get(), "private")

    assert CANARY in crypto.decrypt(user, token)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(other_user, token)

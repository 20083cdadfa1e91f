from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from accounts import crypto
from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.database import raw_dump


def test_it_round_trips_text_exactly_as_typed(user):
    text = "  Line one\r\nline two — with “quotes”, émojis 💔 and trailing spaces  \n"

    assert crypto.decrypt(user, crypto.encrypt(user, text)) == text


def test_every_person_has_their_own_data_key(user, other_user):
    token = crypto.encrypt(user, "mine")

    assert user.wrapped_data_key != other_user.wrapped_data_key
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(User.objects.get(pk=other_user.pk), token)


def test_a_flipped_byte_raises_instead_of_returning_text(user):
    token = crypto.encrypt(user, "private")
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]

    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(user, flipped)


def test_a_data_key_wrapped_by_an_unknown_master_key_raises(db, settings):
    person = UserFactory()
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(crypto.DecryptionError):
        crypto.encrypt(User.objects.get(pk=person.pk), "anything")


def test_the_data_key_is_stored_wrapped_not_in_clear(user):
    with connection.cursor() as cursor:
        cursor.execute("SELECT wrapped_data_key FROM accounts_user WHERE id = %s", [user.pk])
        (stored,) = cursor.fetchone()

    data_key = crypto.master().decrypt(stored.encode())
    assert data_key.decode() not in stored


def test_master_key_secrets_round_trip_and_fail_closed():
    token = crypto.encrypt_with_master("JBSWY3DPEHPK3PXP")

    assert crypto.decrypt_with_master(token) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_with_master(token[:-4] + "AAAA")


def test_text_encrypted_for_a_person_is_nowhere_in_the_database_in_clear(user):
    canary = "canary-words-nobody-else-may-read-7f3a"
    user.display_name = canary  # a private field on the user row itself
    user.save()

    dump = raw_dump()

    assert user.wrapped_data_key in dump  # the dump does see stored values
    assert canary not in dump
    assert User.objects.get(pk=user.pk).display_name == canary


def test_the_raw_dump_reads_session_data(auth_client, user):
    session = auth_client.session
    session["note"] = "a-word-only-in-a-session"
    session.save()

    assert "a-word-only-in-a-session" in raw_dump()

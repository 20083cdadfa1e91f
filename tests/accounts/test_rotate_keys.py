from __future__ import annotations

from io import StringIO

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import call_command

from accounts import crypto
from accounts.models import User
from tests.accounts.factories import UserFactory

NEW_SECRET_KEY = "a-new-secret-key-a-new-secret-key-a-new-secret-key-a-new"


def test_rotation_rewraps_every_data_key_and_everything_still_decrypts(db, settings):
    people = UserFactory.create_batch(5)
    tokens = {
        person.pk: crypto.encrypt(person, f"private words of {person.pk}") for person in people
    }
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = StringIO()

    call_command("rotate_encryption_keys", batch_size=2, stdout=out)

    assert "5/5 checked, 5 re-wrapped" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    for person in User.objects.all():
        assert crypto.decrypt(person, tokens[person.pk]) == f"private words of {person.pk}"


def test_rotation_can_be_run_again_and_skips_what_is_done(db, settings):
    UserFactory.create_batch(3)
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    call_command("rotate_encryption_keys", stdout=StringIO())
    out = StringIO()

    call_command("rotate_encryption_keys", stdout=out)

    assert "3/3 checked, 0 re-wrapped" in out.getvalue()


def test_rotation_rewraps_two_factor_secrets_too(user, settings):
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]

    call_command("rotate_encryption_keys", stdout=StringIO())

    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    stored = Authenticator.objects.get(user=user).data["secret"]
    assert crypto.decrypt_with_master(stored) == "JBSWY3DPEHPK3PXP"


def test_after_a_secret_key_rotation_2fa_is_stamped_again_and_keeps_its_secret(user, settings):
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = NEW_SECRET_KEY
    out = StringIO()

    call_command("rotate_encryption_keys", stdout=out)

    assert "2FA records: 1/1 checked, 1 updated" in out.getvalue()
    settings.SECRET_KEY_FALLBACKS = []  # the old key is gone
    stored = Authenticator.objects.get(user=user).data["secret"]
    assert crypto.decrypt_with_master(stored) == "JBSWY3DPEHPK3PXP"


def test_a_secret_key_changed_without_its_fallback_makes_every_2fa_code_fail(user, settings):
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY = NEW_SECRET_KEY

    stored = Authenticator.objects.get(user=user).data["secret"]

    assert crypto.decrypt_with_master(stored) != "JBSWY3DPEHPK3PXP"

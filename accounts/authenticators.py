"""Two-factor secrets bound to their owner.

allauth encrypts a TOTP secret or recovery-code seed with the master keys alone,
so a row's data copied into another person's row (by staff, or anyone who can
write to the database) would work there. Each row therefore carries an HMAC of
(owner, kind, encrypted secret), stamped when allauth creates the row; a row
whose HMAC does not match its owner has its secret replaced, on load, by a random
one, so every code fails with allauth's usual "Incorrect code". allauth itself
is not changed.

The HMAC is keyed by SECRET_KEY. While a rotated SECRET_KEY keeps the old one in
SECRET_KEY_FALLBACKS, rows stamped under the old key stay bound;
`rotate_encryption_keys` stamps them again under the new one.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models.signals import post_init, pre_save
from django.dispatch import receiver
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts import crypto

MAC = "owner_mac"
SECRET_KEYS = ("secret", "seed", "migrated_codes")
# The values encrypted with the master keys: a TOTP secret, a recovery-code seed.
ENCRYPTED = ("secret", "seed")


def owner_mac(user_id: int, kind: str, data: dict[str, Any], key: str | None = None) -> str:
    """The stamp under `key` (by default SECRET_KEY)."""
    secret = [(name, data.get(name)) for name in SECRET_KEYS]
    return salted_hmac(
        "accounts.authenticators", f"{user_id}:{kind}:{secret!r}", secret=key
    ).hexdigest()


def is_bound(user_id: int, kind: str, data: dict[str, Any]) -> bool:
    """Stamped for this owner under SECRET_KEY or one of SECRET_KEY_FALLBACKS."""
    stamp = str(data.get(MAC, ""))
    return any(
        constant_time_compare(stamp, owner_mac(user_id, kind, data, key))
        for key in crypto.secret_keys()
    )


def is_stamped_under_current_key(user_id: int, kind: str, data: dict[str, Any]) -> bool:
    return constant_time_compare(str(data.get(MAC, "")), owner_mac(user_id, kind, data))


def _random_totp_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def restamp(instance: Authenticator) -> None:
    """After the secret was re-encrypted (key rotation). A row that was not bound has
    had its secret replaced on load, which a rotation leaves as it is."""
    instance.data[MAC] = owner_mac(instance.user_id, instance.type, instance.data)


@receiver(pre_save, sender=Authenticator)
def _stamp_new_rows(sender: type, instance: Authenticator, **kwargs: Any) -> None:
    # Only a row allauth is creating, with no stamp yet: a stamp copied along with
    # the data keeps naming the row it came from.
    if instance._state.adding and MAC not in instance.data:
        instance.data[MAC] = owner_mac(instance.user_id, instance.type, instance.data)


@receiver(post_init, sender=Authenticator)
def _check_loaded_rows(sender: type, instance: Authenticator, **kwargs: Any) -> None:
    data = instance.__dict__.get("data")
    if instance.pk is None or not isinstance(data, dict):
        return  # being created, or its data not loaded
    if not is_bound(instance.user_id, instance.type, data):
        instance.data = {
            **data,
            "secret": crypto.encrypt_with_master(
                base64.b32encode(secrets.token_bytes(20)).decode()
            ),
            "seed": crypto.encrypt_with_master(secrets.token_hex(40)),
            "migrated_codes": None,
        }

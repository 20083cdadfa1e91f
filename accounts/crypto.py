"""Encryption at rest for private text.

Each person has a random data key, stored wrapped (encrypted) by the master keys
from FIELD_ENCRYPTION_KEYS. Private text is encrypted with the person's data key,
so rotating a master key only re-wraps data keys. Everything fails closed: a token
that does not decrypt raises DecryptionError, it is never returned as text.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

if TYPE_CHECKING:
    from accounts.models import User


class DecryptionError(Exception):
    """A token could not be decrypted: wrong key, or the data was altered."""


@cache
def _master(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def master() -> MultiFernet:
    return _master(tuple(settings.FIELD_ENCRYPTION_KEYS))


def new_wrapped_data_key() -> str:
    return master().encrypt(Fernet.generate_key()).decode()


def is_wrapped_by_newest_key(wrapped: str) -> bool:
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0]).decrypt(wrapped.encode())
    except InvalidToken:
        return False
    return True


def rewrap(wrapped: str) -> str:
    """The same data key, wrapped by the newest master key."""
    try:
        return master().rotate(wrapped.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A data key could not be unwrapped by any master key.") from None


def _data_fernet(user: User) -> Fernet:
    # Cached on the instance: unwrapping once per request, not once per field.
    cached = getattr(user, "_data_fernet", None)
    if cached is None:
        try:
            cached = Fernet(master().decrypt(user.wrapped_data_key.encode()))
        except InvalidToken:
            raise DecryptionError(f"The data key of user {user.pk} does not unwrap.") from None
        user._data_fernet = cached
    return cached


def encrypt(user: User, text: str) -> str:
    return _data_fernet(user).encrypt(text.encode()).decode()


def decrypt(user: User, token: str) -> str:
    try:
        return _data_fernet(user).decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("Private text did not decrypt with its owner's key.") from None


def encrypt_with_master(text: str) -> str:
    """For secrets that belong to no known user at the call site (allauth's MFA)."""
    return master().encrypt(text.encode()).decode()


def decrypt_with_master(token: str) -> str:
    try:
        return master().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A secret did not decrypt with any master key.") from None

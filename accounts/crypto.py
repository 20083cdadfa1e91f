"""Encryption at rest for private text.

Each person has a random data key, stored wrapped (encrypted) by the master keys
from FIELD_ENCRYPTION_KEYS. Private text is encrypted with the person's data key,
so rotating a master key only re-wraps data keys. Everything fails closed: a token
that does not decrypt raises DecryptionError, it is never returned as text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
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


def _data_key(user: User) -> bytes:
    # Cached on the instance: unwrapping once per request, not once per field.
    cached = getattr(user, "_data_key", None)
    if cached is None:
        try:
            cached = master().decrypt(user.wrapped_data_key.encode())
        except InvalidToken:
            raise DecryptionError(f"The data key of user {user.pk} does not unwrap.") from None
        user._data_key = cached
    return cached


def unwrap_data_key(user: User) -> None:
    """Unwrap the person's data key now (and keep it on the instance), or raise
    DecryptionError: whether the master keys fit this person at all."""
    _data_key(user)


def _data_fernet(user: User) -> Fernet:
    cached = getattr(user, "_data_fernet", None)
    if cached is None:
        cached = user._data_fernet = Fernet(_data_key(user))
    return cached


def _index_key(user: User) -> bytes:
    """A key for keyed hashes, derived from the person's data key: the same word hashes
    differently for two people, and rotating master keys (which re-wraps, never changes,
    data keys) leaves every hash valid."""
    cached = getattr(user, "_index_key", None)
    if cached is None:
        raw = base64.urlsafe_b64decode(_data_key(user))
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"healing-index")
        cached = user._index_key = hkdf.derive(raw)
    return cached


def keyed_hash(user: User, text: str) -> str:
    """HMAC-SHA256 of `text` under the person's index key, as 32 hex digits (128 bits)."""
    digest = hmac.new(_index_key(user), text.encode(), hashlib.sha256).hexdigest()
    return digest[:32]


def encrypt(user: User, text: str) -> str:
    return _data_fernet(user).encrypt(text.encode()).decode()


def decrypt(user: User, token: str) -> str:
    try:
        return _data_fernet(user).decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("Private text did not decrypt with its owner's key.") from None


def secret_keys() -> list[str]:
    """SECRET_KEY, then the earlier ones still accepted while a rotation settles."""
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def encrypt_with_master(text: str) -> str:
    """For secrets that belong to no known user at the call site (allauth's MFA)."""
    return master().encrypt(text.encode()).decode()


def decrypt_with_master(token: str) -> str:
    try:
        return master().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A secret did not decrypt with any master key.") from None

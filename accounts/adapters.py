"""allauth policy for Healing Hearts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from accounts import crypto, devices, notices


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """The one place that decides whose bucket a wrong password counts in (pinned
        by tests/accounts/test_lockout.py): the person's own browser, marked at an
        earlier sign-in, has a bucket of its own, so someone else's guessing never
        locks them out. See accounts/devices.py."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        login = credentials.get("email") or credentials.get("username") or ""
        return f"{key}:known-device" if devices.is_known(request, login) else key

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            notices.guessing_seen(credentials.get("email") or "")
            raise

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        devices.remember(response, user.email)
        return response


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds, encrypted at rest with the master keys.

    allauth passes no user here, so these use the master keys rather than a
    person's data key. Decryption failure raises: a secret is never guessed.
    """

    def encrypt(self, text: str) -> str:
        return crypto.encrypt_with_master(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_with_master(encrypted_text)

"""allauth policy for Healing Hearts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import reverse

from accounts import crypto


class AccountAdapter(DefaultAccountAdapter):
    """Every email allauth sends can offer the one thing to do if a change was not
    the person's own: a link to choose a new password (no "please contact us")."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        reset = request.build_absolute_uri(reverse("account_reset_password"))
        super().send_mail(template_prefix, email, {"password_reset_url": reset, **context})


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds, encrypted at rest with the master keys.

    allauth passes no user here, so these use the master keys rather than a
    person's data key. Decryption failure raises: a secret is never guessed.
    """

    def encrypt(self, text: str) -> str:
        return crypto.encrypt_with_master(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_with_master(encrypted_text)

"""allauth policy for Healing Hearts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage

from accounts import crypto, discreet


class AccountAdapter(DefaultAccountAdapter):
    """Every email the site sends passes here: in discreet mode it comes from "Notes"
    with a neutral subject."""

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        message = super().render_mail(template_prefix, email, context, headers)
        address = email if isinstance(email, str) else email[0]
        if discreet.wanted_by(context.get("user") or discreet.owner_of(address)):
            message.subject = discreet.subject(template_prefix)
            message.from_email = discreet.sender(message.from_email)
        return message

    def send_notification_mail(
        self,
        template_prefix: str,
        user: AbstractBaseUser,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        # Say whose notice it is: it may go to an address no longer on the account.
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds, encrypted at rest with the master keys.

    allauth passes no user here, so these use the master keys rather than a
    person's data key. Decryption failure raises: a secret is never guessed.
    """

    def encrypt(self, text: str) -> str:
        return crypto.encrypt_with_master(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_with_master(encrypted_text)

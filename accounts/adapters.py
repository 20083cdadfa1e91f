"""allauth policy for Healing Hearts."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from accounts import crypto, devices, discreet, notices
from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Every email the site sends passes here (in discreet mode it comes from "Notes"
    with a neutral subject; each can offer the one thing to do if a change was not the
    person's own: a link to choose a new password), and every wrong password is
    counted here."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        reset = request.build_absolute_uri(reverse("account_reset_password"))
        super().send_mail(template_prefix, email, {"password_reset_url": reset, **context})

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        address = email if isinstance(email, str) else email[0]
        person = context.get("user") or discreet.owner_of(address)
        # Times in the person's own time zone, named in the email.
        zone = person.zone() if isinstance(person, User) else timezone.get_current_timezone()
        with timezone.override(zone):
            message = super().render_mail(template_prefix, email, context, headers)
        if discreet.wanted_by(person):
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

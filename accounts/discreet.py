"""Discreet mode: for a person who would rather the site went unnamed on their screen
and in their inbox. Their tabs are titled "Notes" with a plain icon, and every email
to them comes from "Notes" with a subject that says nothing of what the site is about."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from allauth.account.models import EmailAddress

from accounts.models import User

NAME = "Notes"

# Subjects in discreet mode, by email. Written here, never taken from a template, so no
# later wording (or a reminder, or a letter) can name the site.
SUBJECTS = {
    "account/email/email_confirmation": "Confirm your email address",
    "account/email/email_confirmation_signup": "Confirm your email address",
    "account/email/email_confirm": "Confirm your email address",
    "account/email/password_reset_key": "Reset your password",
    "account/email/password_reset_code": "Your password reset code",
    "account/email/login_code": "Your sign-in code",
    "reminders/email/nudge": "A reminder",
    "reminders/email/honesty": "A reminder",
    "reminders/email/revisit": "A reminder",
}
SUBJECT = "A notice about your account"


def wanted_by(person: object) -> bool:
    return isinstance(person, User) and person.discreet_mode


def owner_of(address: str) -> User | None:
    """The person an address belongs to, confirmed or not; None if nobody's."""
    found = EmailAddress.objects.filter(email__iexact=address).select_related("user").first()
    return found.user if found else User.objects.filter(email__iexact=address).first()


def subject(email: str) -> str:
    """`email` is allauth's name for it, such as "account/email/password_reset_key"."""
    return SUBJECTS.get(email, SUBJECT)


def sender(from_email: str) -> str:
    """The same address, under a neutral name."""
    return formataddr((NAME, parseaddr(from_email)[1]))

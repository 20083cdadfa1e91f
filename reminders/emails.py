"""Reminder emails: neutral words, a link back, and a one-click way to stop them.

`send_reminder` is the one way any reminder-style email goes out (a daily nudge, a
planned moment, an answer to revisit, and whatever kind is added later): its text
comes from reminders/email/<kind>_subject.txt and _message.txt, which must never
hold anything the person wrote, and discreet mode's neutral sender and subject
apply (accounts/discreet.py lists a subject for each kind). A new kind also joins
reminders.models.Kind, so its unsubscribe link is accepted: unsubscribing turns off
the person's reminders of that kind (Reminder.objects.stop).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.models import User
from accounts.notices import send_notice

SALT = "reminders.unsubscribe"


def unsubscribe_token(person: User, kind: str) -> str:
    """A signed token naming the person and the kind of email: whoever holds it (the
    person, from their inbox) can stop that kind without signing in."""
    return signing.Signer(salt=SALT).sign_object([person.pk, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(person id, kind) from a token we signed; None for anything else."""
    try:
        person_id, kind = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(person_id, int) or not isinstance(kind, str):
        return None
    return person_id, kind


def unsubscribe_url(person: User, kind: str) -> str:
    return settings.SITE_URL + reverse(
        "reminders:unsubscribe", args=[unsubscribe_token(person, kind)]
    )


def send_reminder(person: User, kind: str, link: str) -> None:
    """Email `person` a reminder of `kind` that leads to `link` (an absolute URL), with
    an unsubscribe link and the List-Unsubscribe headers of RFC 8058."""
    stop = unsubscribe_url(person, kind)
    send_notice(
        person,
        f"reminders/email/{kind}",
        {"link": link, "unsubscribe_url": stop},
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )

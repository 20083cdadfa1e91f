"""Notices: short, neutral emails to a person, never with anything they wrote.
Security notices are decided after the response, so they cannot change its timing,
and sent by a background task."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.signals import request_finished
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import discreet
from accounts.models import User

logger = logging.getLogger(__name__)

_after_response: ContextVar[tuple[Callable[[], None], ...]] = ContextVar(
    "after_response", default=()
)


def after_response(task: Callable[[], None]) -> None:
    """Run `task` once this request's response has been sent."""
    _after_response.set((*_after_response.get(), task))


@receiver(request_finished)
def _run_after_response(sender: object, **kwargs: object) -> None:
    tasks = _after_response.get()
    _after_response.set(())
    for task in tasks:
        try:
            task()
        except Exception:
            logger.exception("A task after the response failed")


def send_notice(
    person: User, template: str, context: dict | None = None, headers: dict | None = None
) -> None:
    """Email `person` the notice in `template`_subject.txt and `template`_message.txt.
    In discreet mode it comes from a neutral name with a neutral subject."""
    context = {"user": person, "site_url": settings.SITE_URL, **(context or {})}
    with timezone.override(person.zone()):  # times as the person reads their clock
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    message = EmailMessage(subject, body, None, [person.email])
    if discreet.wanted_by(person):
        message.subject = discreet.subject(template)
        message.from_email = discreet.sender(message.from_email)
    message.extra_headers.update(headers or {})
    message.send()


def guessing_seen(login: str) -> None:
    """Someone reached the limit of wrong passwords for `login`: tell the owner, at most
    once a day. Whether the address has an account is looked up after the response."""
    after_response(lambda: _tell_owner(login))


def _tell_owner(login: str) -> None:
    from accounts.tasks import send_guessing_notice

    person = User.objects.filter(email__iexact=login.strip(), is_active=True).first()
    if person is not None:
        send_guessing_notice.enqueue(person.pk)

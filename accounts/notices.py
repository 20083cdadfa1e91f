"""Security notices: short, neutral emails about the account, never with anything
the person wrote, sent after the response so they cannot change its timing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.core.mail import send_mail
from django.core.signals import request_finished
from django.dispatch import receiver
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
ONCE_A_DAY = 24 * 60 * 60

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


def guessing_seen(login: str) -> None:
    """Someone reached the limit of wrong passwords for `login`: tell the owner, at most
    once a day. Whether the address has an account is looked up after the response."""
    after_response(lambda: _send_guessing_seen(login))


def _send_guessing_seen(login: str) -> None:
    from accounts.models import User

    user = User.objects.filter(email__iexact=login.strip(), is_active=True).first()
    if user is None or not cache.add(f"notice:guessing:{user.pk}", True, ONCE_A_DAY):
        return
    send_mail(
        render_to_string("accounts/email/guessing_seen_subject.txt").strip(),
        render_to_string("accounts/email/guessing_seen_message.txt"),
        None,
        [user.email],
    )

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

# "Last active" on the sessions page is this precise; allauth's own tracking, which
# writes on every request, stays off (USERSESSIONS_TRACK_ACTIVITY = False).
LAST_ACTIVE_EVERY_SECONDS = 10 * 60


def _noted_now(session_key: str) -> bool:
    """Remember that this session's activity is noted; False if it already was in the
    last ten minutes. The shared cache remembers, so a page costs a cache look-up,
    not a database write."""
    digest = hashlib.sha256(session_key.encode()).hexdigest()  # a session key is a secret
    try:
        return cache.add(f"last-active:{digest}", True, LAST_ACTIVE_EVERY_SECONDS)
    except Exception:
        # Bookkeeping must never cost a person their page.
        logger.warning("Could not reach the cache to note a session's last activity.")
        return False


def note_sign_in(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **kwargs: object
) -> None:
    """Signing in writes the session's time already (allauth does): the next ten
    minutes need no write. Connected to Django's user_logged_in in AccountsConfig."""
    if request is not None and request.session.session_key:
        _noted_now(request.session.session_key)


class LastActiveMiddleware:
    """Notes when each signed-in session was last used, at most once per ten minutes
    per session, for the sessions page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session_key = request.session.session_key
        if session_key and request.user.is_authenticated and _noted_now(session_key):
            UserSession.objects.filter(session_key=session_key).update(last_seen_at=timezone.now())
        return self.get_response(request)

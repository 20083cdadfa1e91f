from __future__ import annotations

import hashlib
import logging
import time
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
# The sessions this process knows to be noted, and until when (wall-clock seconds). At
# most this many: then it starts afresh, which costs one cache question a session.
_noted_here: dict[str, float] = {}
NOTED_HERE_AT_MOST = 10_000


def _noted_now(session_key: str) -> bool:
    """Remember that this session's activity is noted; False if it already was in the
    last ten minutes. The shared cache remembers, so a page costs no database write;
    this process remembers what it has learnt from it, so most pages cost no question."""
    digest = hashlib.sha256(session_key.encode()).hexdigest()  # a session key is a secret
    now = time.time()
    if _noted_here.get(digest, 0.0) > now:
        return False
    key = f"last-active:{digest}"
    try:
        noted = cache.add(key, now + LAST_ACTIVE_EVERY_SECONDS, LAST_ACTIVE_EVERY_SECONDS)
        # Noted by another process: until when it holds.
        until = now + LAST_ACTIVE_EVERY_SECONDS if noted else cache.get(key, 0.0)
    except Exception:
        # Bookkeeping must never cost a person their page.
        logger.warning("Could not reach the cache to note a session's last activity.")
        return False
    if len(_noted_here) >= NOTED_HERE_AT_MOST:
        _noted_here.clear()
    _noted_here[digest] = until
    return noted


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

"""A browser that has signed in to an account before is that person's own device.

Five wrong passwords in five minutes pause sign-in to an account, and whoever
knows the address could keep its owner out for good that way. So a successful
sign-in leaves a signed cookie holding a keyed hash of the address; guesses from
a browser that holds it count in a bucket of their own. Someone else's guessing
fills the account's bucket and never reaches the owner's. Guessing stays slowed
by address (10 a minute per IP) and per account (5 in 5 minutes, per bucket).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts import crypto

SALT = "accounts.devices"
MAX_AGE = 400 * 24 * 60 * 60  # browsers cap a cookie's life at 400 days


def _mark(login: str, key: str | None = None) -> str:
    return salted_hmac(SALT, login.strip().lower(), secret=key, algorithm="sha256").hexdigest()


def remember(response: HttpResponse, login: str) -> None:
    """Mark this browser as one that signed in to the account with address `login`."""
    response.set_signed_cookie(
        settings.DEVICE_COOKIE_NAME,
        _mark(login),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def is_known(request: HttpRequest, login: str) -> bool:
    """Whether this browser signed in to the account with address `login` before."""
    mark = request.get_signed_cookie(
        settings.DEVICE_COOKIE_NAME, default=None, salt=SALT, max_age=MAX_AGE
    )
    # Marks made before a SECRET_KEY rotation count while the old key is a fallback.
    return mark is not None and any(
        constant_time_compare(mark, _mark(login, key)) for key in crypto.secret_keys()
    )

"""Where the one-time notes on the next page ("Your settings are saved.") wait.

Django's default: a signed cookie, and the session when the cookie would be too big.
Only the cookie's name changes: MESSAGE_COOKIE_NAME, __Host-messages in production like
the session and CSRF cookies, so only this host, over HTTPS, can set it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage


class NamedCookieStorage(CookieStorage):
    @property
    def cookie_name(self) -> str:  # type: ignore[override]
        return settings.MESSAGE_COOKIE_NAME


class MessageStorage(FallbackStorage):
    storage_classes = (NamedCookieStorage, SessionStorage)

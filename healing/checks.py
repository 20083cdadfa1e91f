"""System checks for settings that only matter in production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    # Rate limits (login attempts) are counted in the cache: a per-process cache
    # lets an attacker multiply their attempts by the number of workers.
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.DEBUG and backend.endswith("LocMemCache"):
        return [
            Error(
                "The cache is local to each process, so rate limits do not hold across workers.",
                hint="Set CACHE_URL to redis://… or db:// in production.",
                id="healing.E001",
            )
        ]
    return []

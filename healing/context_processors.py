from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts import discreet


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        # In discreet mode, the neutral name every tab carries instead of the site's.
        "DISCREET_NAME": discreet.NAME if discreet.wanted_by(user) else "",
    }

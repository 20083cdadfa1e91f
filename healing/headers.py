"""The headers this app adds to responses beyond Django's and django-csp's.

- Cross-Origin-Resource-Policy: same-origin on every response (static files too):
  no other site can embed our pages or files.
- Cache-Control: no-store on the password-reset-key and set-password pages: the
  key grants the account, and nobody is signed in there yet for the signed-in rule
  (healing.middleware.NoStoreForSignedInMiddleware) to cover them.
- Clear-Site-Data: "cache", "storage" when someone signs out (the account deletion
  view sets it too). Not "cookies": that would also drop the device cookie that
  keeps guessers from locking the person out (accounts/devices.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CLEAR_SITE_DATA = '"cache", "storage"'
NO_STORE_PAGES = {"account_reset_password_from_key"}


def clear_site_data(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        page = getattr(request.resolver_match, "url_name", None)
        if page in NO_STORE_PAGES:
            add_never_cache_headers(response)
        if page == "account_logout" and request.method == "POST" and response.status_code == 302:
            clear_site_data(response)
        return response

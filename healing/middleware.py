from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from accounts.sealed import opening_for


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in person hold private text: never let a cache keep them.
    That holds for a request that arrives signed in and signs out, and for one that
    signs in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        arrived_signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if arrived_signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SignedInPersonMiddleware:
    """For a signed-in person's request: dates and times in their own time zone, and
    their private rows opened with the person already in memory (never fetched again)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        timezone.activate(request.user.zone())
        try:
            with opening_for(request.user):
                return self.get_response(request)
        finally:
            timezone.deactivate()

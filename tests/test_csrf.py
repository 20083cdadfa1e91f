"""CSRF: no state changes without a valid token.

Every URL the crawl reaches (tests/crawl.py) is posted to with no token, and with a
wrong one in htmx's header, anonymous and signed in: each is refused with a 403 and
nothing changes. The only views that may go without are named in
NO_CSRF_TOKEN; a csrf_exempt view missing from it fails here, named.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from journal.models import CheckIn
from tests.crawl import HTMX, NO_CSRF_TOKEN, build_world, every_url, header_problems, routes
from tests.database import Watch

SECRET = "s" * 32  # a well-formed cookie secret
WRONG = "w" * 32  # a well-formed token that does not match it


def unlisted_exempt_views(urlconf: object = None) -> list[str]:
    return [
        str(route)
        for route in routes(urlconf)
        if getattr(route.callback, "csrf_exempt", False) and route.name not in NO_CSRF_TOKEN
    ]


def test_no_view_goes_without_a_token_but_the_named_exceptions():
    assert unlisted_exempt_views() == []


def view(request):
    return HttpResponse()


def test_an_exempt_view_missing_from_the_list_is_named():
    urlconf = (
        path("a/", csrf_exempt(view), name="a"),
        path("quick-exit/", csrf_exempt(view), name="quick-exit"),
        path("b/", view, name="b"),
    )

    assert unlisted_exempt_views(urlconf) == ["a/ (a)"]


def attempts(client: Client, url: str) -> list[tuple[str, HttpResponse]]:
    """A POST with no token, then one from htmx with a wrong token."""
    data = {"body": "Changed", "mood": "1", "confirmation": "delete my account"}
    made = [("no token", client.post(url, data))]
    client.cookies[settings.CSRF_COOKIE_NAME] = SECRET
    made.append(("a wrong token", client.post(url, data, headers={**HTMX, "X-CSRFToken": WRONG})))
    del client.cookies[settings.CSRF_COOKIE_NAME]
    return made


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_post_without_a_valid_token_is_refused_and_changes_nothing(user, signed_in):
    world = build_world(user)
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(user)
    wrong, refused = [], 0
    watch = Watch()

    for visit in every_url(world):
        if getattr(visit.route.callback, "csrf_exempt", False):
            continue  # named in NO_CSRF_TOKEN (the test above)
        for attempt, response in attempts(client, visit.path):
            wrong += [
                f"{visit}, {attempt}: {problem}" for problem in header_problems(response, signed_in)
            ]
            if response.status_code == 403:
                refused += 1
            else:
                wrong.append(f"{visit}, {attempt}: answered {response.status_code}")
        wrong += [f"{visit} changed {change}" for change in watch.changes()]

    assert wrong == []
    assert watch.missed() == []
    assert refused > 200  # two attempts at each of more than 100 URLs


def test_the_same_post_with_its_token_gets_through(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = SECRET

    response = client.post("/journal/mood/", {"mood": "4", "csrfmiddlewaretoken": SECRET})

    assert response.status_code == 302
    assert CheckIn.objects.get(user=user).mood == 4

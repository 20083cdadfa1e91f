"""The cross-person harness: another signed-in person gets a 404 from every URL that
addresses someone's object (the same answer as for an object that does not exist), by
GET and POST, plain and htmx, and changes nothing.

The URLs come from the crawl (tests/crawl.py), built from Django's URL resolver: a new
pattern the crawl cannot fill fails `test_the_crawl_reaches_every_url`, naming it.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.test import Client
from django.urls import include, path, re_path

from tests.crawl import (
    ARGUMENTS,
    HTMX,
    NO_CSRF_TOKEN,
    NOT_PRIVATE,
    build_world,
    every_url,
    header_problems,
    routes,
    uncrawled,
)
from tests.database import Watch


def test_the_crawl_reaches_every_url():
    assert uncrawled() == []


def test_its_lists_name_real_urls():
    names = {route.name for route in routes()}

    assert (ARGUMENTS.keys() | NOT_PRIVATE.keys() | NO_CSRF_TOKEN.keys()) - names == set()


def view(request, **kwargs):
    return HttpResponse()


def test_the_crawl_names_a_url_it_cannot_reach():
    urlconf = (
        path("", view, name="home"),
        path("notes/<uuid:code>/", view, name="note"),
        path("things/", include(([path("<int:pk>/", view)], "things"))),
        re_path(r"^letters/(?P<code>[0-9a-f-]+)/$", view, name="letter"),
        path("journal/<uuid:code>/", view, name="entry-detail"),  # not namespaced: unknown
        path("admin/users/<int:pk>/", view),  # the admin's own
    )

    assert uncrawled(urlconf) == [
        "notes/<uuid:code>/ (note): say in tests/crawl.py ARGUMENTS how to fill it",
        "things/<int:pk>/ (unnamed): name it, so the crawl can reach it",
        "^letters/(?P<code>[0-9a-f-]+)/$ (letter): say in tests/crawl.py ARGUMENTS how to fill it",
        "journal/<uuid:code>/ (entry-detail): say in tests/crawl.py ARGUMENTS how to fill it",
    ]


def without_tokens(response: HttpResponse) -> bytes:
    """The page without its CSRF tokens, which differ on every page."""
    return re.sub(rb"\b[a-zA-Z0-9]{64}\b", b"", response.content)


def test_another_person_gets_404_everywhere_and_changes_nothing(user, other_user):
    world = build_world(user)
    build_world(other_user)  # who has a plan, entries and answers of their own
    stranger, owner = Client(), Client()
    stranger.force_login(other_user)
    owner.force_login(user)
    posted = {
        "title": "Overwritten",
        "body": "Overwritten",
        "reasons": "Overwritten",
        "resolve": str(world.revision.code),
        "keep": "mine",
        "editor": "stranger-page-01",
        "base": "1",
        "autosave": "1",
    }
    wrong, visited = [], set()
    watch = Watch()

    for visit in every_url(world):
        if not visit.private:
            continue
        visited.add(visit.route.name)
        for method in ("get", "post"):
            for headers in ({}, HTMX):
                request = f"{method.upper()}{' htmx' if headers else ''} {visit}"
                response = getattr(stranger, method)(visit.path, posted, headers=headers)
                wrong += [f"{request}: {problem}" for problem in header_problems(response, True)]
                if response.status_code == 404:
                    unknown = getattr(stranger, method)(visit.unknown, posted, headers=headers)
                    if without_tokens(unknown) != without_tokens(response):
                        wrong.append(f"{request}: not the 404 of an object that does not exist")
                    continue
                # 405 only where the owner is refused the method too: nothing is looked up.
                refused = getattr(owner, method)(visit.path, headers=headers).status_code
                if (response.status_code, refused) != (405, 405):
                    wrong.append(f"{request} answered {response.status_code}")
        wrong += [f"{visit} changed {change}" for change in watch.changes()]

    assert wrong == []
    assert watch.missed() == []
    assert visited >= {"guide:answer", "journal:revision-restore", "safety:version"}

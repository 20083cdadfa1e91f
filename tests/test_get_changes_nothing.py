"""No GET changes anything: every table is compared before and after each GET of every
URL the crawl reaches (tests/crawl.py), anonymous, signed in and as staff, from htmx and
as a top-level navigation from another site (a link or redirect there can send a
signed-in person's browser to any of our URLs). Nobody but the owner sees the owner's
words on any of them.

Only bookkeeping may move, named in GET_MAY_CHANGE (DESIGN: "bookkeeping such as 'last
read' is fine"); and Quick exit, a named exception (NO_CSRF_TOKEN), may end the session.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from healing.models import Progress
from tests.crawl import (
    HTMX,
    NO_CSRF_TOKEN,
    PRIVATE_WORDS,
    VISITORS,
    Visit,
    build_world,
    every_url,
    header_problems,
    signed_in_client,
    still_signed_in,
    visitor,
)
from tests.database import Change, Row, Watch

CROSS_SITE = {
    "Sec-Fetch-Site": "cross-site",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Dest": "document",
    "Referer": "https://elsewhere.example/",
}


@dataclass(frozen=True)
class Bookkeeping:
    why: str
    columns: frozenset[str] | None  # the columns a GET may change; None: any
    new_row: Callable[[Row], bool] = lambda row: False  # which new rows a GET may add
    changed_row: Callable[[Row], bool] = lambda row: True  # which rows (as they were) may change


SESSIONS = "django_session"
GET_MAY_CHANGE: dict[str, Bookkeeping] = {
    "healing_progress": Bookkeeping(
        "reading progress: when the person last read a chapter, and where",
        frozenset({"last_read_at", "last_exercise"}),
        new_row=lambda row: row["completed_at"] is None,
    ),
    "letters_letter": Bookkeeping(
        "reading progress: when an arrived letter was first read (never a sealed one)",
        frozenset({"opened_at"}),
        changed_row=lambda row: row["arrives_on"] <= datetime.date.today() + datetime.timedelta(1),
    ),
    SESSIONS: Bookkeeping("session bookkeeping", None, new_row=lambda row: True),
    "usersessions_usersession": Bookkeeping(
        "session bookkeeping: when each device was last active", frozenset({"last_seen_at"})
    ),
}


def allowed(change: Change, visit: Visit) -> bool:
    rule = GET_MAY_CHANGE.get(change.table)
    if rule is None:
        return False
    if change.after is None:  # a removed row: only signing out removes one
        return change.table == SESSIONS and visit.route.name in NO_CSRF_TOKEN
    if change.before is None:
        return rule.new_row(change.after)
    columns_allowed = rule.columns is None or change.columns <= rule.columns
    return columns_allowed and rule.changed_row(change.before)


def signed_in(person, ten_minutes_on) -> Client:
    """Signed in ten minutes ago, so the first page notes the session's last activity
    again (bookkeeping the crawl must allow)."""
    client = signed_in_client(person)
    ten_minutes_on()
    return client


@pytest.mark.parametrize("who", VISITORS)
def test_no_get_changes_anything_but_bookkeeping(user, who, ten_minutes_on):
    world = build_world(user)
    person = visitor(who, world)
    client = signed_in(person, ten_minutes_on) if person else Client()
    seen: set[str] = set()
    wrong = []
    watch = Watch()

    for visit in every_url(world, who):
        for headers in (CROSS_SITE, HTMX):
            if person and not still_signed_in(client):
                client = signed_in(person, ten_minutes_on)  # after Quick exit
                watch.changes()  # signing in again is not the GET's doing
            response = client.get(visit.path, headers=headers)
            if response.status_code >= 500:
                wrong.append(f"GET {visit} answered {response.status_code}")
            problems = header_problems(response, signed_in=person is not None)
            wrong += [f"GET {visit}: {problem}" for problem in problems]
            if who != "owner" and PRIVATE_WORDS.encode() in response.content:
                wrong.append(f"GET {visit} showed the owner's words to {who}")
            for change in watch.changes():
                if allowed(change, visit):
                    seen.add(change.table)
                else:
                    wrong.append(f"GET {visit}: {change}")

    assert wrong == []
    assert watch.missed() == []
    # Guards the guard: the bookkeeping really happened, and was seen.
    assert (
        seen
        == {
            "anonymous": {SESSIONS},  # the password-reset key moves into the session
            "owner": GET_MAY_CHANGE.keys(),
            "staff": {"usersessions_usersession"},
        }[who]
    )


def test_the_crawl_sees_a_change_a_get_should_not_make(user):
    world = build_world(user)
    visit = next(v for v in every_url(world) if v.route.name == "guide:chapter")
    watch = Watch()
    Progress.objects.mark_complete(user, world.answer.exercise.chapter, True)

    found = watch.changes()

    assert [str(change) for change in found if not allowed(change, visit)] == [
        f"healing_progress: new row ({Progress.objects.get().pk},)"
    ]

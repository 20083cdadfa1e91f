"""No cross-site top-level GET changes anything a person wrote or chose.

A page on another site can send a signed-in person's browser to any of our URLs
with a GET (a link, a redirect). Every URL is visited that way, with the person's
own chapter, exercise, answer, entry and revision filled in, and everything of
theirs is compared before and after. Only "last read" bookkeeping may move
(DESIGN allows it).
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver

from healing.models import Chapter, PracticeTick, Progress, Response
from journal.models import CheckIn, Content, Entry, Revision, Tag
from reminders.emails import unsubscribe_token
from reminders.models import Delivery, Reminder
from tests.healing.factories import PracticeTickFactory, ResponseFactory
from tests.journal.factories import make_entry
from tests.reminders.factories import moments, nudge, revisit

CROSS_SITE = {
    "HTTP_SEC_FETCH_SITE": "cross-site",
    "HTTP_SEC_FETCH_MODE": "navigate",
    "HTTP_SEC_FETCH_DEST": "document",
    "HTTP_REFERER": "https://elsewhere.example/",
}


def every_route(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from every_route(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def filled(route: str, values: dict[str, str]) -> str | None:
    if route.startswith(("admin/", "accounts/^confirm-email", "accounts/^password/reset/key")):
        return None  # staff only; single-use keys (each has its own GET test)
    path = route.replace("^", "").replace("$", "")
    for placeholder, value in values.items():
        path = path.replace(placeholder, value)
    return None if "<" in path or "(" in path else "/" + path


def everything_of(user) -> dict[str, list]:
    return {
        "answers": list(
            Response.objects.filter(user=user).values_list(
                "code", "version", "private", "in_clear", "save_count", "aside"
            )
        ),
        "progress": list(
            Progress.objects.filter(user=user).values_list("chapter_id", "completed_at")
        ),
        "practice days": list(PracticeTick.objects.filter(user=user).values_list("pk", "day")),
        "entries": list(
            Entry.objects.filter(user=user).values_list("code", "updated_at", "trashed_at")
        ),
        "revisions": list(Revision.objects.filter(user=user).values_list("code", "created_at")),
        "tags": list(Tag.objects.filter(user=user).values_list("code", "name")),
        "check-ins": list(CheckIn.objects.filter(user=user).values_list("day", "mood")),
        "settings": [
            (user.display_name, user.time_zone, user.on_this_day, user.email, user.is_active)
            for user in type(user).objects.filter(pk=user.pk)
        ],
        "addresses": list(EmailAddress.objects.filter(user=user).values_list("email", "verified")),
        "two-factor": list(Authenticator.objects.filter(user=user).values_list("type", "data")),
        "reminders": list(
            Reminder.objects.filter(user=user).values_list("code", "active", "at", "since", "on")
        ),
        "reminders sent": list(Delivery.objects.filter(user=user).values_list("pk", "outcome")),
    }


def test_no_cross_site_get_changes_anything_a_person_wrote(auth_client, user):
    user.display_name = "Sam"
    user.save()
    answer = ResponseFactory(user=user)
    chapter = answer.exercise.chapter
    Progress.objects.mark_read(user, chapter, answer.exercise.key)
    tick = PracticeTickFactory(user=user)
    entry = make_entry(user, "Words of mine.")
    make_entry(user, "In the bin.", trashed_at=datetime.datetime.now(datetime.UTC))
    entry.apply(Content(body="Words of mine, edited.", entry_date=entry.entry_date), "another")
    revision = entry.revisions.get()
    CheckIn.objects.create(user=user, day=user.today(), mood=3)
    nudge(user)
    moments(user)
    reminder = revisit(user)
    values = {
        "<slug:slug>": chapter.slug,
        "<slug:key>": tick.exercise.key,
        "<uuid:revision>": str(revision.code),
        "<str:token>": unsubscribe_token(user, "nudge"),
    }
    before = everything_of(user)
    visited = []

    for route in every_route():
        code = str(answer.code) if route.startswith("reflections/") else str(entry.code)
        code = str(reminder.code) if route.startswith("reminders/") else code
        path = filled(route, {**values, "<uuid:code>": code})
        if path is None:
            continue
        response = auth_client.get(path, **CROSS_SITE)
        assert response.status_code < 500, path
        visited.append(path)

    assert everything_of(user) == before
    assert not Progress.objects.filter(user=user, chapter=chapter).exclude(completed_at=None)
    assert f"/guide/{chapter.slug}/complete/" in visited
    assert f"/journal/{entry.code}/delete-forever/" in visited
    assert f"/reminders/{reminder.code}/cancel/" in visited
    assert f"/reminders/unsubscribe/{unsubscribe_token(user, 'nudge')}/" in visited
    assert len(visited) > 30
    assert Chapter.objects.exists()

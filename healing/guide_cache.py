"""What every reader of the guide sees alike, kept in the shared cache.

The chapters and their current exercises change only when the guide is loaded or a
staff member edits it in the admin; a chapter as an anonymous reader sees it is the
same for every visitor. Both are kept under a version, held in the shared cache, that
any change to a chapter or an exercise replaces: every process sees the new version on
its next request, so no page shows stale text after an edit. Nothing private is kept
here: a kept page is the one a visitor who is signed out sees, its CSRF token left as a
slot that each response fills with the visitor's own.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader

from healing.models import Chapter, Exercise, Reading, prompt_for_day

if TYPE_CHECKING:
    from accounts.models import User

VERSION_KEY = "guide:version"
# Where a kept page's CSRF token goes: filled per response, so the page is the same for
# every visitor and each still gets a token (and the cookie) of their own.
TOKEN_SLOT = "kept-page-csrf-token-slot"  # noqa: S105 (a placeholder, not a secret)


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def forget() -> None:
    """Any change to the guide: every cached piece of it is out of date at once; and
    again when the change commits, in case a reader cached the old text meanwhile."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


class Kept:
    """The guide's shared pieces for one version. Each process keeps its own copy of
    what it has read (public text only), so a request asks the shared cache one
    question: which version is current."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.values: dict[str, Any] = {}

    def get(self, name: str, build: Callable[[], Any]) -> Any:
        if name not in self.values:
            key = f"guide:{self.version}:{name}"
            value = cache.get(key)
            if value is None:
                value = build()
                cache.set(key, value, None)
            self.values[name] = value
        return self.values[name]

    def visitors_page(
        self, request: HttpRequest, name: str, template: str, context: Callable[[], dict[str, Any]]
    ) -> HttpResponse:
        """A page as every signed-out visitor sees it, drawn once per guide version. A
        signed-in reader's page, or one with a message waiting, is drawn for them alone."""
        if request.user.is_authenticated or len(messages.get_messages(request)):
            return render(request, template, context())
        page = self.get(
            f"page:{name}",
            lambda: loader.render_to_string(
                template, context() | {"csrf_token": TOKEN_SLOT}, request
            ),
        )
        return HttpResponse(fill_token(page, get_token(request)))

    def content(self) -> tuple[list[Chapter], list[Exercise]]:
        """The chapters in order (without their Markdown source) and the current exercises."""
        return self.get(
            "content",
            lambda: (
                list(Chapter.objects.defer("body", "source_hash")),
                list(Exercise.objects.current().select_related("chapter").defer("chapter__body")),
            ),
        )

    def exercise(self, key: str) -> Exercise | None:
        """A current exercise, with its chapter, by its key."""
        return next((exercise for exercise in self.content()[1] if exercise.key == key), None)

    def reading(self, user: User | None) -> Reading:
        """Where a person is in the guide: the kept chapters and their progress (one query)."""
        chapters, _ = self.content()
        progress = {p.chapter_id: p for p in user.guide_progress.all()} if user else {}
        return Reading(chapters, progress)

    def prompt_for_day(self, user: User, day: datetime.date) -> tuple[Exercise, str] | None:
        return prompt_for_day(self.content()[1], user, day)


def fill_token(kept: str, token: str) -> str:
    """A kept page or piece with this request's CSRF token in its slot."""
    return kept.replace(TOKEN_SLOT, token)


_kept = Kept("")


def kept() -> Kept:
    global _kept
    current = version()
    if _kept.version != current:
        _kept = Kept(current)
    return _kept


@receiver([post_save, post_delete], sender=Chapter)
@receiver([post_save, post_delete], sender=Exercise)
def _guide_changed(**kwargs: Any) -> None:
    forget()

"""The security crawl: every URL the app answers, found through Django's URL resolver.

The crawl tests (tests/test_private_urls.py, test_csrf.py, test_get_changes_nothing.py,
test_headers_crawl.py) all walk `every_url()`. A pattern without parameters is visited as
it is; a pattern with parameters is filled from a person's `World` through ARGUMENTS. Only
the admin's own unnamed patterns are left out (UNNAMED_ALLOWED_UNDER). A new pattern the
crawl cannot fill fails tests/test_private_urls.py::test_the_crawl_reaches_every_url,
naming it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from healing.models import Exercise, Response
from journal.models import CheckIn, Content, Entry, Revision
from letters.models import Letter
from reminders.emails import unsubscribe_token
from reminders.models import Reminder
from safety.models import PlanContent, PlanVersion, SafetyPlan
from tests.accounts.factories import PASSWORD, UserFactory
from tests.healing.factories import PracticeTickFactory, ResponseFactory
from tests.journal.factories import make_entry
from tests.letters.factories import make_letter
from tests.reminders.factories import MOMENTS, moments, nudge, revisit
from tests.safety.factories import make_plan

HTMX = {"HX-Request": "true"}
PRIVATE_WORDS = "Words only their owner may read"


# ---------------------------------------------------------------------------
# The walker
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # as written in the URLconf, prefixes included
    name: str | None  # namespaced: "journal:entry-edit"
    parameters: tuple[str, ...]
    callback: Callable[..., HttpResponse]

    def __str__(self) -> str:
        return f"{self.route} ({self.name or 'unnamed'})"


def routes(urlconf: object = None) -> list[Route]:
    """Every pattern of the URLconf, namespaces and prefixes included."""

    def parameters_of(pattern: Any) -> tuple[str, ...]:
        return tuple(pattern.regex.groupindex) or tuple(getattr(pattern, "converters", {}))

    def walk(patterns: list[Any], prefix: str, namespace: str | None, inherited: tuple):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            parameters = inherited + parameters_of(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner:
                    inner = f"{namespace}:{inner}" if namespace else inner
                yield from walk(pattern.url_patterns, route, inner or namespace, parameters)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                yield Route(route, name, parameters, pattern.callback)

    return list(walk(get_resolver(urlconf).url_patterns, "", None, ()))


# ---------------------------------------------------------------------------
# A person's world, and how each pattern with parameters is filled from it
# ---------------------------------------------------------------------------


@dataclass
class World:
    """One of everything a person can own, each holding PRIVATE_WORDS where it has text."""

    person: Any
    answer: Response
    practice: Exercise
    entry: Entry
    trashed: Entry
    revision: Revision
    trashed_revision: Revision
    plan_version: PlanVersion
    sealed_letter: Letter
    arrived_letter: Letter
    revisit: Reminder
    confirmation_key: str
    reset_key: dict[str, str]


def build_world(person: Any) -> World:
    answer = ResponseFactory(user=person, answer={"prompts": {"open-again": PRIVATE_WORDS}})
    tick = PracticeTickFactory(user=person)
    entry = make_entry(person, PRIVATE_WORDS, title=PRIVATE_WORDS, tags=["private"], mood=2)
    entry.apply(Content(body=f"{PRIVATE_WORDS}, edited."), "another-page-01")
    trashed = make_entry(person, PRIVATE_WORDS)
    trashed.apply(Content(body=f"{PRIVATE_WORDS}, edited."), "another-page-01")
    trashed.move_to_trash()
    CheckIn.objects.create(user=person, day=person.today(), mood=3)
    make_plan(person, reasons=PRIVATE_WORDS)
    SafetyPlan.objects.record(
        person, PlanContent(steps={"reasons": f"{PRIVATE_WORDS}, changed."}), (1, "other-page-01")
    )
    nudge(person)
    moments(person)
    address = EmailAddress.objects.get_primary(person)
    return World(
        person=person,
        answer=answer,
        practice=tick.exercise,
        entry=entry,
        trashed=trashed,
        revision=entry.revisions.get(),
        trashed_revision=trashed.revisions.get(),
        plan_version=person.safety_plan.versions.get(),
        sealed_letter=make_letter(person, PRIVATE_WORDS, days=30),  # a GET must never open it
        arrived_letter=make_letter(person, PRIVATE_WORDS, days=-1),
        revisit=revisit(person, answer.exercise.key),
        confirmation_key=EmailConfirmationHMAC(address).key,
        reset_key={
            "uidb36": user_pk_to_url_str(person),
            "key": default_token_generator.make_token(person),
        },
    )


Arguments = Callable[[World], list[dict[str, Any]]]


def _entry(world: World) -> list[dict[str, Any]]:
    return [{"code": world.entry.code}, {"code": world.trashed.code}]


def _revision(world: World) -> list[dict[str, Any]]:
    return [
        {"code": world.entry.code, "revision": world.revision.code},
        {"code": world.trashed.code, "revision": world.trashed_revision.code},
    ]


def _letter(world: World) -> list[dict[str, Any]]:
    return [{"code": world.sealed_letter.code}, {"code": world.arrived_letter.code}]


def _chapter(world: World) -> list[dict[str, Any]]:
    return [{"slug": world.answer.exercise.chapter.slug}]


# How to fill each pattern that has parameters: one set of arguments per object to visit.
ARGUMENTS: dict[str, Arguments] = {
    "guide:chapter": _chapter,
    "guide:chapter-complete": _chapter,
    "guide:exercise-save": lambda world: [{"key": world.answer.exercise.key}],
    "guide:practice-days": lambda world: [{"key": world.practice.key}],
    "guide:answer": lambda world: [{"code": world.answer.code}],
    "journal:entry-detail": _entry,
    "journal:entry-edit": _entry,
    "journal:entry-history": _entry,
    "journal:entry-trash": _entry,
    "journal:entry-untrash": _entry,
    "journal:entry-delete-forever": _entry,
    "journal:revision-detail": _revision,
    "journal:revision-restore": _revision,
    "safety:version": lambda world: [{"code": world.plan_version.code}],
    "safety:restore": lambda world: [{"code": world.plan_version.code}],
    "letters:letter-detail": _letter,
    "letters:letter-open": _letter,
    "letters:letter-edit": _letter,
    "letters:letter-delete": _letter,
    "reminders:cancel": lambda world: [{"code": world.revisit.code}],
    "reminders:moments": lambda world: [{"key": MOMENTS}],
    "reminders:revisit": lambda world: [{"key": world.answer.exercise.key}],
    "reminders:unsubscribe": lambda world: [{"token": unsubscribe_token(world.person, "nudge")}],
    "account_confirm_email": lambda world: [{"key": world.confirmation_key}],
    "account_reset_password_from_key": lambda world: [world.reset_key],
}


def _first(model: type) -> dict[str, Any]:
    found = model._default_manager.order_by("pk").first()
    return {"object_id": found.pk if found else 0}


def _admin_arguments() -> dict[str, Arguments]:
    """The admin's pages of each model it shows, on the first object of that model."""
    filled: dict[str, Arguments] = {
        "admin:app_list": lambda world: [
            {"app_label": label}
            for label in sorted({m._meta.app_label for m in admin.site._registry})
        ],
        "admin:view_on_site": lambda world: [
            {"content_type_id": ContentType.objects.get_for_model(model).pk, **_first(model)}
            for model in admin.site._registry
            if hasattr(model, "get_absolute_url")
        ],
    }
    for model in admin.site._registry:
        for view in ("change", "history", "delete"):
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
            filled[name] = lambda world, model=model: [_first(model)]
    return filled


ARGUMENTS.update(_admin_arguments())

# Patterns the crawl leaves out, and why.
UNNAMED_ALLOWED_UNDER: dict[str, str] = {
    "admin/": "the admin's own redirects to its named pages, and its catch-all",
}

# Patterns with parameters that address nothing private, and why: the cross-person
# harness leaves them out (the other crawls still visit them).
NOT_PRIVATE_UNDER: dict[str, str] = {
    "admin/": "staff only, and private text never reaches the admin",
}
NOT_PRIVATE: dict[str, str] = {
    "account_confirm_email": "a signed, single-use email confirmation key",
    "account_reset_password_from_key": "a signed, single-use password-reset token",
    "guide:chapter": "a public chapter slug",
    "guide:chapter-complete": "a public chapter slug; acts only on the signed-in person's progress",
    "guide:exercise-save": "a public exercise key; acts only on the signed-in person's answers",
    "guide:practice-days": "a public exercise key; acts only on the signed-in person's days",
    "reminders:moments": "a public exercise key; acts only on the signed-in person's reminders",
    "reminders:revisit": "a public exercise key; acts only on the signed-in person's reminders",
    "reminders:unsubscribe": "a signed token naming its person, its only authority (RFC 8058)",
}

# The state changes that carry no CSRF token, by design (DESIGN: "Two state-changing
# requests carry no CSRF token"), and what stands in for it. Nothing else may be
# csrf_exempt (tests/test_csrf.py) or change more than bookkeeping on a GET
# (tests/test_get_changes_nothing.py).
NO_CSRF_TOKEN: dict[str, str] = {
    "quick-exit": "a GET, so the button works as a plain link; at worst it signs someone out",
    "reminders:unsubscribe": "RFC 8058's one-click POST from a mail program: the signed token in "
    "its path is the authority; at worst it turns one kind of reminder off",
}


def _left_out(route: Route) -> bool:
    return route.name is None and route.route.startswith(tuple(UNNAMED_ALLOWED_UNDER))


def uncrawled(urlconf: object = None) -> list[str]:
    """Patterns the crawl cannot reach, each saying what it needs."""
    missing = []
    for route in routes(urlconf):
        if _left_out(route):
            continue
        if route.name is None:
            missing.append(f"{route}: name it, so the crawl can reach it")
        elif route.parameters and route.name not in ARGUMENTS:
            missing.append(f"{route}: say in tests/crawl.py ARGUMENTS how to fill it")
    return missing


@dataclass(frozen=True)
class Visit:
    route: Route
    arguments: dict[str, Any]

    @property
    def path(self) -> str:
        return reverse(self.route.name, kwargs=self.arguments)

    @property
    def unknown(self) -> str:
        """The same URL for objects that do not exist."""
        return reverse(
            self.route.name,
            kwargs={
                name: uuid.uuid4() if isinstance(value, uuid.UUID) else value
                for name, value in self.arguments.items()
            },
        )

    @property
    def private(self) -> bool:
        """Whether the path addresses an object of its owner's."""
        return (
            bool(self.route.parameters)
            and self.route.name not in NOT_PRIVATE
            and not self.route.route.startswith(tuple(NOT_PRIVATE_UNDER))
        )

    def __str__(self) -> str:
        return f"{self.path} ({self.route.name})"


def every_url(world: World, who: str = "owner") -> Iterator[Visit]:
    """Every URL the crawl visits, filled with the world's objects. Staff crawl the
    admin; elsewhere they are signed-in people like the owner."""
    for route in routes():
        if _left_out(route) or (who == "staff" and not route.route.startswith("admin/")):
            continue
        assert route.name, f"{route}: name it, so the crawl can reach it"
        for arguments in ARGUMENTS[route.name](world) if route.parameters else [{}]:
            yield Visit(route, arguments)


# ---------------------------------------------------------------------------
# Who crawls: a visitor, the world's owner, and staff (in the admin)
# ---------------------------------------------------------------------------

VISITORS = ["anonymous", "owner", "staff"]


def visitor(who: str, world: World) -> Any:
    """The person who crawls, or None for a visitor who is not signed in."""
    if who == "staff":
        return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    return world.person if who == "owner" else None


def signed_in_client(person: Any, secure: bool = False, **defaults: Any) -> Client:
    """A client signed in through the sign-in form, as a person signs in."""
    client = Client(**defaults)
    response = client.post(
        "/accounts/login/", {"login": person.email, "password": PASSWORD}, secure=secure
    )
    assert response.status_code == 302, f"{person} could not sign in"
    return client


def still_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# ---------------------------------------------------------------------------
# Headers every response carries (the hardening issue owns the list)
# ---------------------------------------------------------------------------


def csp_directives(response: HttpResponse) -> dict[str, list[str]]:
    policy = response.get("Content-Security-Policy", "")
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in directives}


def header_problems(response: HttpResponse, signed_in: bool) -> list[str]:
    """What is missing from a response's security headers, in words."""
    problems = []
    csp = csp_directives(response)
    script_src = csp.get("script-src", csp.get("default-src"))
    if script_src is None:
        problems.append("no Content-Security-Policy script-src")
    elif {"'unsafe-inline'", "'unsafe-eval'"} & set(script_src):
        problems.append(f"script-src allows {script_src}")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors is {csp.get('frame-ancestors')}")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{header} is {response.get(header)!r}")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"signed in, but Cache-Control is {response.get('Cache-Control')!r}")
    return problems

"""The cross-person access harness.

Every URL pattern that takes a parameter addresses an object. Unless it is listed
below as not private, a test must show that another signed-in person gets a 404
from it and changes nothing; that test registers itself with `@cross_person_case`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.urls import URLPattern, URLResolver, get_resolver

Test = TypeVar("Test", bound=Callable[..., Any])

CROSS_PERSON_CASES: set[str] = set()

# Parameters that address nothing private, and why.
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
NOT_PRIVATE_PREFIXES: dict[str, str] = {
    "admin/": "staff only, and private text never reaches the admin",
}


def cross_person_case(*url_names: str) -> Callable[[Test], Test]:
    """Mark a test as the second-person (404, nothing changed) case for these URLs."""

    def register(test: Test) -> Test:
        CROSS_PERSON_CASES.update(url_names)
        return test

    return register


def load_all_tests() -> None:
    import tests

    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        importlib.import_module(module.name)


def parameterised_patterns(urlconf: object = None) -> Iterator[tuple[str, str | None]]:
    """(route, name) of every pattern that takes a parameter, namespaces included."""

    def walk(
        patterns: list[Any], prefix: str, namespace: str | None
    ) -> Iterator[tuple[str, str | None]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner:
                    inner = f"{namespace}:{inner}" if namespace else inner
                yield from walk(pattern.url_patterns, route, inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.pattern.regex.groups:
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                yield route, name

    return walk(get_resolver(urlconf).url_patterns, "", None)


def unguarded_patterns(urlconf: object = None) -> list[str]:
    missing = []
    for route, name in parameterised_patterns(urlconf):
        if route.startswith(tuple(NOT_PRIVATE_PREFIXES)):
            continue
        if name is None:
            missing.append(f"{route} (unnamed: name it and register a cross-person case)")
        elif name not in CROSS_PERSON_CASES and name not in NOT_PRIVATE:
            missing.append(f"{route} ({name})")
    return missing

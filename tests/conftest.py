from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

# Playwright's sync API keeps an event loop running in this process, which makes
# Django refuse every ORM call unless told this is safe (it is: one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
AXE_SOURCE = ROOT / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background tasks run inside the call that enqueues them (the worker is tested
    # on its own in tests/healing/test_background.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache: each test starts with none.
    cache.clear()


@pytest.fixture
def ten_minutes_on(monkeypatch):
    """Moves the clock the cache and the last-active note go by ten minutes on."""
    moved = 0.0
    real = time.time

    def later() -> None:
        nonlocal moved
        moved += 10 * 60 + 1
        monkeypatch.setattr(time, "time", lambda: real() + moved)

    return later


@pytest.fixture
def user(db):
    return UserFactory(email="reader@example.com")


@pytest.fixture
def other_user(db):
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def auth_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------
# Browser tests: Debian's Chromium driven by Playwright
# ---------------------------------------------------------------------------


def _missing_browser(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 makes that a failure.")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_chromium():
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        _missing_browser("No Chromium found (apt-get install chromium, or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright.chromium, executable


@pytest.fixture(scope="session")
def browser(playwright_chromium):
    chromium, executable = playwright_chromium
    launched = chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def browser_with_back_forward_cache(playwright_chromium):
    """Chromium as people have it: Back may show a page kept whole in memory, which
    Playwright's default launch turns off."""
    chromium, executable = playwright_chromium
    launched = chromium.launch(
        executable_path=executable,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield launched
    launched.close()


class BrowserPage:
    """A Playwright page on the live server that records every request it makes."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.requested: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

    def visit(self, path: str, status: int = 200) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}"

    def third_party_requests(self) -> list[str]:
        return [
            url for url in self.requested if not url.startswith((self.base_url, "data:", "about:"))
        ]

    def axe_violations(self) -> list[str]:
        """WCAG 2.2 A/AA violations on the current page, as readable lines."""
        if not AXE_SOURCE.exists():
            _missing_browser(f"axe-core is not installed at {AXE_SOURCE} (run `make test` once)")
        self.page.evaluate(AXE_SOURCE.read_text())
        violations = self.page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                const where = (v) => v.nodes.map((n) => n.target.join(" ")).join(", ");
                return result.violations.map((v) => `${v.id}: ${v.help} — ${where(v)}`);
            }""",
            WCAG_TAGS,
        )
        return list(violations)

    def assert_accessible(self) -> None:
        """Zero axe violations in both colour schemes, and nothing the CSP had to block."""
        blocked = [text for text in self.console_errors if "Content Security Policy" in text]
        assert blocked == [], f"CSP blocked something on {self.page.url}"
        for scheme in ("light", "dark"):
            self.page.emulate_media(color_scheme=scheme)
            assert self.axe_violations() == [], f"{scheme} scheme on {self.page.url}"


def signed_in_context(browser, live_server, person, **options):
    """A new browser context signed in as `person`: a forced login's session cookie."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.fixture
def browser_context(browser):
    # One locale whatever the machine's: date fields take their parts in its order.
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def visit(browser_context, live_server) -> Callable[..., BrowserPage]:
    def open_page(path: str, status: int = 200) -> BrowserPage:
        page = BrowserPage(browser_context.new_page(), live_server.url)
        page.visit(path, status)
        return page

    return open_page


@pytest.fixture
def quick_exit_url(live_server, settings) -> str:
    """Quick exit's neutral site: the live server under another name, so another origin.
    (Playwright cannot intercept a redirect's target, so it must really answer.)"""
    host = urlsplit(live_server.url).hostname
    other = "127.0.0.1" if host == "localhost" else "localhost"
    settings.QUICK_EXIT_URL = live_server.url.replace(host, other, 1) + "/healthz"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def sign_in(browser_context, live_server) -> Callable[[object], None]:
    """Sign a person in to the browser: a forced login's session cookie, copied over."""

    def sign_in_as(person: object) -> None:
        client = Client()
        client.force_login(person)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in_as

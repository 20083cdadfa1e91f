"""Every page type, as a person with a full journal loads it: at most 60 KB transferred
(HTML, CSS, JS and anything else, each compressed) and nothing asked of any other host."""

from __future__ import annotations

import gzip
import io
import re

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 60 * 1024
DEMO = "weight@example.com"
ANONYMOUS = ["/", "/guide/", "/guide/roots-of-trust-issues/", "/support/", "/privacy/",
             "/accounts/login/", "/accounts/signup/", "/safety-plan/", "/pause/"]  # fmt: skip
SIGNED_IN = ["/", "/guide/", "/guide/roots-of-trust-issues/", "/guide/rebuilding-trust/",
             "/reflections/", "/journal/", "/journal/new/", "/journal/calendar/",
             "/journal/trash/", "/insights/", "/settings/", "/safety-plan/",
             "/accounts/sessions/"]  # fmt: skip


def weigh(browser_context, base_url: str, path: str) -> tuple[int, list[str]]:
    """Compressed bytes of everything the page loaded, and any request to another host."""
    page = browser_context.new_page()
    responses = []
    elsewhere = []

    def asked(request) -> None:
        if not request.url.startswith((base_url, "data:")):
            elsewhere.append(request.url)

    page.on("response", lambda response: responses.append(response))
    page.on("request", asked)
    answer = page.goto(base_url + path)
    assert answer is not None and answer.status == 200, f"{path} did not answer 200"
    page.wait_for_load_state("networkidle")
    total = 0
    for response in responses:
        if 300 <= response.status < 400:
            continue
        total += len(gzip.compress(response.body())) + 300  # and about this much in headers
    page.close()
    return total, elsewhere


@pytest.fixture
def demo(db) -> tuple[User, str]:
    """A person with 300 entries, answers everywhere and check-ins; the search word."""
    printed = io.StringIO()
    call_command("seed_demo", email=DEMO, entries=300, seed=3, force=True, stdout=printed)
    word = re.search(r"Search word: (\w+)", printed.getvalue())
    assert word, printed.getvalue()
    return User.objects.get(email=DEMO), word.group(1)


def test_every_page_a_visitor_meets_is_light_and_stays_home(browser_context, live_server, db):
    call_command("load_guide", stdout=io.StringIO())  # live-server tests flush the database
    for path in ANONYMOUS:
        weight, elsewhere = weigh(browser_context, live_server.url, path)
        assert weight <= BUDGET_BYTES, f"{path} weighs {weight} bytes"
        assert elsewhere == [], f"{path} asked another host: {elsewhere}"


def test_every_page_with_a_full_journal_is_light_and_stays_home(
    browser_context, live_server, demo, sign_in
):
    person, word = demo
    sign_in(person)
    entry = person.journal_entries.live().order_by("-entry_date").first()
    pages = [*SIGNED_IN, entry.get_absolute_url(), f"{entry.get_absolute_url()}edit/",
             f"/journal/?q={word}"]  # fmt: skip
    for path in pages:
        weight, elsewhere = weigh(browser_context, live_server.url, path)
        assert weight <= BUDGET_BYTES, f"{path} weighs {weight} bytes"
        assert elsewhere == [], f"{path} asked another host: {elsewhere}"

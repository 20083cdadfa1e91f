"""Today and insights in a real Chromium: the check-in by keyboard, every state by axe."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from journal.models import CheckIn
from tests.accounts.factories import UserFactory
from tests.journal.factories import make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def person(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    someone = UserFactory(email="today@example.com")
    sign_in(someone)
    return someone


def test_the_today_journey_works_by_keyboard(visit, person):
    page = visit("/")

    page.page.get_by_role("button", name="Okay", exact=True).focus()
    page.page.keyboard.press("Enter")
    chosen = page.page.get_by_role("button", name="Okay", exact=True)
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(page.page.locator(".check-in__status")).to_contain_text("Today's mood: okay.")
    expect(chosen).to_be_focused()
    # htmx has finished swapping in the new buttons (a locator: the CSP forbids eval)
    expect(page.page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Enter")  # the next mood: "Good"

    expect(page.page.get_by_role("button", name="Good", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert list(CheckIn.objects.values_list("mood", flat=True)) == [4]
    # or htmx, settling, puts the focus back on the mood button
    expect(page.page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    page.page.get_by_role("link", name="Write about it").focus()
    page.page.keyboard.press("Enter")
    expect(page.page.locator(".prompt-box")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_today_and_insights_are_accessible_empty_and_with_data(visit, person, viewport):
    pages = ["/", "/insights/"]
    for path in pages:  # a new person: nothing yet
        page = visit(path)
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        page.page.close()
    today = person.today()
    for n in range(40):
        make_entry(
            person,
            entry_date=today - datetime.timedelta(days=n * 2),
            mood=n % 5 + 1,
            feelings={"hope": 1, "hurt": 2} if n % 2 else {"calm": 3},
            title=f"Entry {n}",
        )
    CheckIn.objects.create(user=person, day=today, mood=3)
    person.on_this_day = True
    person.save()
    for path in [*pages, "/insights/?days=90", "/insights/?days=365", "/insights/?days=7"]:
        page = visit(path, status=400 if path.endswith("=7") else 200)
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        sideways = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"{path} scrolls {sideways}px sideways at {viewport}"
        page.page.close()

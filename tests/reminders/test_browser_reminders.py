"""Reminder settings in a real Chromium: set by keyboard alone, and accessible (axe,
light and dark) at a desktop width and on a 390 px phone."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from reminders.emails import unsubscribe_token
from reminders.models import Kind, Reminder
from tests.accounts.factories import UserFactory
from tests.healing.test_browser_guide import tab_to
from tests.reminders.factories import moments, nudge, revisit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def signed_in(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    person = UserFactory(email="browser-reminders@example.com", time_zone="Europe/London")
    sign_in(person)
    return person


def focused(page, predicate: str) -> bool:
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()")


def test_reminders_are_set_by_keyboard_alone(visit, signed_in):
    page = visit("/settings/").page
    keys = page.keyboard

    tab_to(page, "el.textContent.trim() === 'Your reminders'")
    keys.press("Enter")
    page.wait_for_url("**/settings/reminders/")
    tab_to(page, "el.name === 'nudge-active'")
    keys.press("Space")
    keys.press("Tab")
    assert focused(page, "el.name === 'nudge-at'")
    keys.type("0830A")  # Chromium shows hours, minutes and AM/PM here
    tab_to(page, "el.name === 'moments-weekday'")
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    keys.press("ArrowDown")  # Wednesday
    tab_to(page, "el.name === 'moments-at'")
    keys.type("0730P")
    tab_to(page, "el.name === 'moments-frequency'")
    keys.press("ArrowDown")  # every week
    tab_to(page, "el.name === 'moments-active'")
    keys.press("Space")
    tab_to(page, "el.textContent.trim() === 'Save reminders'")
    keys.press("Enter")

    expect(page.get_by_text("Your reminders are saved.")).to_be_visible()
    nudge = Reminder.objects.get(user=signed_in, kind=Kind.NUDGE)
    assert (nudge.active, nudge.at) == (True, datetime.time(8, 30))
    planned = Reminder.objects.get(user=signed_in, kind=Kind.HONESTY)
    assert (planned.weekday, planned.at, planned.frequency, planned.active) == (
        2,
        datetime.time(19, 30),
        "weekly",
        True,
    )


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_reminder_pages_are_accessible_light_and_dark(visit, signed_in, screen):
    nudge(signed_in)
    moments(signed_in)
    revisit(signed_in)
    pages = [
        "/settings/",
        "/settings/reminders/",
        f"/reminders/unsubscribe/{unsubscribe_token(signed_in, 'nudge')}/",
        "/guide/rebuilding-trust/",
    ]
    for path in pages:
        page = visit(path)
        page.page.set_viewport_size(screen)
        page.assert_accessible()
        sideways = page.page.evaluate("document.documentElement.scrollWidth") - screen["width"]
        assert sideways <= 0, f"{path} scrolls {sideways}px sideways at {screen['width']}px"
        page.page.close()


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_settings_page_with_its_errors_is_accessible(visit, signed_in, screen):
    page = visit("/settings/reminders/")
    page.page.set_viewport_size(screen)
    page.page.locator("[name=nudge-active]").check()
    page.page.locator("[name=moments-weekday]").select_option("2")
    page.page.get_by_role("button", name="Save reminders").click()

    expect(page.page.get_by_text("Choose the time of day for your reminder.")).to_be_visible()
    page.assert_accessible()

"""The journal in a real Chromium: writing, saving, two tabs, the trash, every page by axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from healing.loader import load_guide
from journal.models import CheckIn, Content, Entry
from tests.accounts.factories import UserFactory
from tests.journal.factories import make_entry
from tests.waiting import eventually

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved \d\d:\d\d")
BODY = "#id_body"
STATUS = "#editor-status"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def writer(db, sign_in):
    load_guide()  # live-server tests flush the database between tests
    person = UserFactory(email="journal-writer@example.com")
    sign_in(person)
    return person


def test_a_new_entry_saves_as_it_is_written_and_is_there_after_reload(visit, writer):
    page = visit("/journal/new/")

    page.page.locator("#id_title").fill("Tuesday")
    page.page.locator(BODY).press_sequentially("The rain helped today.")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)

    eventually(lambda: writer.journal_entries.get().body == "The rain helped today.")
    entry = writer.journal_entries.get()
    assert entry.title == "Tuesday"
    assert page.page.url.endswith(f"/journal/{entry.code}/edit/")
    page.page.reload()
    expect(page.page.locator(BODY)).to_have_value("The rain helped today.")
    page.page.get_by_role("button", name="Save and close").click()
    expect(page.page.locator("h1")).to_have_text("Tuesday")
    assert Entry.objects.count() == 1


def test_a_lost_connection_keeps_the_words_and_saves_them_when_it_is_back(visit, writer):
    page = visit("/journal/new/")
    page.page.route("**/edit/", lambda route: route.abort())

    page.page.locator(BODY).press_sequentially("Written while offline.")
    expect(page.page.locator(STATUS)).to_contain_text("Not saved — will retry", timeout=10_000)
    page.page.unroute("**/edit/")

    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=15_000)
    eventually(lambda: writer.journal_entries.get().body == "Written while offline.")


def test_two_tabs_editing_one_entry_show_both_versions_and_keep_both(visit, writer):
    entry = make_entry(writer, title="Shared", body="Start.")
    first = visit(f"/journal/{entry.code}/edit/")
    second = visit(f"/journal/{entry.code}/edit/")

    first.page.locator(BODY).fill("Start. Written on the phone.")
    expect(first.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)
    second.page.locator(BODY).fill("Start. Written on the laptop.")

    conflict = second.page.locator("[data-conflict]")
    expect(conflict).to_contain_text("also changed in another tab", timeout=10_000)
    expect(conflict.locator("ins").first).to_contain_text("laptop")
    second.assert_accessible()
    second.page.get_by_role("button", name="Keep this tab's version").click()

    expect(second.page.locator(BODY)).to_have_value("Start. Written on the laptop.")
    entry.refresh_from_db()
    assert entry.body == "Start. Written on the laptop."
    history = sorted(r.content().body for r in entry.revisions.all())
    assert history == ["Start.", "Start. Written on the laptop.", "Start. Written on the phone."]


def test_an_entry_goes_to_the_trash_and_comes_back(visit, writer):
    entry = make_entry(writer, title="Not sure yet")
    page = visit(f"/journal/{entry.code}/")

    page.page.get_by_role("button", name="Move to trash").click()
    expect(page.page.locator(".messages")).to_contain_text("Moved to the trash")
    page.page.get_by_role("link", name="Trash").click()
    page.page.get_by_role("button", name=re.compile("^Restore")).click()

    expect(page.page.locator("h1")).to_have_text("Not sure yet")
    entry.refresh_from_db()
    assert not entry.in_trash


def test_the_editor_works_by_keyboard_alone(visit, writer):
    page = visit("/journal/new/")
    page.page.locator("#id_title").focus()

    page.page.keyboard.type("By keyboard")
    page.page.keyboard.press("Tab")
    page.page.keyboard.type("Every word typed without a mouse.")
    page.page.keyboard.press("Tab")
    expect(page.page.locator(STATUS)).to_have_text(SAVED, timeout=10_000)

    eventually(lambda: writer.journal_entries.get().body == "Every word typed without a mouse.")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_every_journal_page_is_accessible_and_never_scrolls_sideways(visit, writer, viewport):
    empty = visit("/journal/")
    empty.page.set_viewport_size(viewport)
    empty.assert_accessible()
    entry = make_entry(
        writer,
        title="A long title " * 6,
        body="Some **bold** words\n\n- a list\n\n[a link](https://example.com/)\n\n" + "w" * 300,
        mood=2,
        feelings={"hurt": 3, "hope": 1},
        tags=["family", "a very long tag name that goes on"],
    )
    entry.apply(Content(title="Changed", body="Later words"), "other-page-0001")
    revision = entry.revisions.get()
    gone = make_entry(writer, title="Binned")
    gone.move_to_trash()

    paths = [
        "/journal/",
        "/journal/new/",
        "/journal/new/?prompt=roots-ask-yourself",
        f"/journal/{entry.code}/",
        f"/journal/{entry.code}/edit/",
        f"/journal/{entry.code}/history/",
        f"/journal/{entry.code}/history/{revision.code}/",
        "/journal/trash/",
        f"/journal/{gone.code}/",
        f"/journal/{gone.code}/delete-forever/",
        "/journal/?page=7",
    ]
    for path in paths:
        page = visit(path, status=400 if "page=" in path else 200)
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        assert page.third_party_requests() == []
        sideways = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"{path} scrolls {sideways}px sideways at {viewport}"
        page.page.close()


def test_search_and_filters_work_by_keyboard(visit, writer):
    make_entry(writer, title="By the sea", body="The tide came in slowly.", mood=4)
    make_entry(writer, title="At home", body="Tea and a book.", mood=2)
    page = visit("/journal/")

    page.page.locator("#id_q").focus()
    page.page.keyboard.type("TIDE")
    page.page.keyboard.press("Enter")
    expect(page.page.locator(".entry-row")).to_have_count(1)
    expect(page.page.locator(".entry-row mark")).to_have_text("tide")

    page.page.locator("#id_q").fill("")
    page.page.locator(".finder__filters summary").focus()
    page.page.keyboard.press("Enter")
    page.page.locator("#id_mood").focus()
    page.page.keyboard.press("ArrowDown")  # "Very low"
    page.page.keyboard.press("ArrowDown")  # "Low"
    page.page.get_by_role("button", name="Show these entries").focus()
    page.page.keyboard.press("Enter")
    expect(page.page.locator(".entry-row")).to_have_count(1)
    expect(page.page.locator(".entry-row__title")).to_have_text("At home")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_search_results_an_empty_result_and_the_calendar_are_accessible(visit, writer, viewport):
    today = writer.today()
    for n, mood in enumerate([1, 3, 5, None]):
        make_entry(writer, title=f"Day {n}", body="calm water", mood=mood, entry_date=today)
    # A day with a check-in and no entry shows its mood without a link.
    quiet_day = today.replace(day=2) if today.day != 2 else today.replace(day=3)
    CheckIn.objects.create(user=writer, day=quiet_day, mood=2)
    for path in [
        "/journal/?q=water",
        "/journal/?q=nowhere",
        "/journal/?mood=3&feeling=hurt",
        "/journal/calendar/",
        f"/journal/calendar/?month={today:%Y-%m}",
        "/journal/calendar/?month=2024-13",
    ]:
        page = visit(path, status=400 if "13" in path else 200)
        page.page.set_viewport_size(viewport)
        page.assert_accessible()
        sideways = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"{path} scrolls {sideways}px sideways at {viewport}"
        page.page.close()

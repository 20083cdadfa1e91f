"""Finding in the journal without revealing a word: the blind index, filters, the calendar."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal import search
from journal.models import CheckIn, Content, Entry, EntryWord
from tests.database import raw_dump
from tests.journal.factories import make_entry
from tests.journal.test_xss import PAYLOADS, unsafe

pytestmark = pytest.mark.django_db


def found(client, query: str) -> list[str]:
    html = client.get("/journal/", {"q": query}).content.decode()
    return [
        part.split("</span>")[0] for part in html.split('class="entry-row__title" dir="auto">')[1:]
    ]


def test_search_ignores_case_and_accents_and_needs_every_word(auth_client, user):
    make_entry(user, title="One", body="Un café au bord de la Rivière.")
    make_entry(user, title="Two", body="The river was calm; no coffee.")
    make_entry(user, title="Three", body="CAFE and river, both.")

    assert sorted(found(auth_client, "cafe")) == ["One", "Three"]
    assert sorted(found(auth_client, "RIVIERE")) == ["One"]
    assert sorted(found(auth_client, "café river")) == ["Three"]
    assert found(auth_client, "riv") == []  # whole words only, never prefixes


def test_titles_are_searched_too(auth_client, user):
    make_entry(user, title="Lantern evening", body="Nothing else.")

    assert found(auth_client, "lantern") == ["Lantern evening"]


def test_matches_are_highlighted_in_a_snippet_made_from_the_plain_text(auth_client, user):
    make_entry(user, title="Walk", body="A long day. " * 30 + "Then the <b>river</b> was gentle.")

    html = auth_client.get("/journal/", {"q": "river"}).content.decode()

    assert "the &lt;b&gt;<mark>river</mark>&lt;/b&gt; was gentle" in html
    assert "…A long day." in html or "… " in html or "long day" in html


def test_a_snippet_marks_whole_words_whatever_their_case_or_accents():
    assert search.snippet("There, the THE theme_the.", {"the"}) == (
        "There, <mark>the</mark> <mark>THE</mark> theme_the."
    )
    assert search.snippet("Un été, ETE; “ete”.", {"ete"}) == (
        "Un <mark>été</mark>, <mark>ETE</mark>; “<mark>ete</mark>”."
    )


@pytest.mark.parametrize("payload", PAYLOADS[:20])
def test_search_words_and_found_text_never_become_markup(auth_client, user, payload):
    make_entry(user, title="Found", body=f"needle {payload} needle")

    for query in (f"needle {payload}", payload, "needle"):
        html = auth_client.get("/journal/", {"q": query[:200]}).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert unsafe(main) == [], query


def test_the_index_holds_only_keyed_hashes_never_a_word(user, other_user):
    canary = "zebracanary"
    mine = make_entry(user, body=f"A {canary} in the text.")
    theirs = make_entry(other_user, body=f"A {canary} too.")

    dump = raw_dump()
    mine_hashes = set(mine.words.values_list("digest", flat=True))
    their_hashes = set(theirs.words.values_list("digest", flat=True))

    assert canary not in dump
    assert [f.name for f in EntryWord._meta.concrete_fields] == ["id", "entry", "user", "digest"]
    assert len(mine_hashes) == 5  # a, zebracanary, in, the, text
    assert not mine_hashes & their_hashes  # the same word hashes differently for two people


def test_saving_an_entry_whose_words_did_not_change_writes_no_index_rows(user):
    entry = make_entry(user, body="Rain, then sun.")
    entry = Entry.objects.get(pk=entry.pk)

    with CaptureQueriesContext(connection) as queries:
        entry.apply(Content(body="Rain; then sun!", mood=3), "factory-editor")
        entry.apply(Content(body="Rain; then sun!", mood=4, tags=["weather"]), "factory-editor")

    writes = [q["sql"] for q in queries if "journal_entryword" in q["sql"]]
    assert writes == []


def test_changing_words_changes_only_the_difference(user):
    entry = make_entry(user, body="alpha beta gamma")
    before = dict(entry.words.values_list("digest", "pk"))

    entry.apply(Content(body="alpha beta delta"), "factory-editor")

    after = dict(entry.words.values_list("digest", "pk"))
    assert len(after) == 3
    assert len(set(before.items()) & set(after.items())) == 2  # alpha and beta untouched


def test_search_keeps_working_after_the_master_keys_are_rotated(auth_client, user, settings):
    make_entry(user, title="Kept", body="lighthouse")
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]

    call_command("rotate_encryption_keys", stdout=io.StringIO())

    auth_client.force_login(user.__class__.objects.get(pk=user.pk))
    assert found(auth_client, "lighthouse") == ["Kept"]


def test_filters_combine_with_each_other_and_with_search(auth_client, user):
    make_entry(
        user,
        title="A",
        body="tea",
        mood=2,
        tags=["home"],
        feelings={"hurt": 2},
        entry_date=datetime.date(2026, 3, 1),
    )
    make_entry(
        user,
        title="B",
        body="tea",
        mood=4,
        tags=["home"],
        feelings={"hope": 1},
        entry_date=datetime.date(2026, 3, 9),
    )
    make_entry(
        user, title="C", body="coffee", mood=4, tags=["work"], entry_date=datetime.date(2026, 4, 2)
    )
    home = next(tag for tag in user.journal_tags.all() if tag.name == "home").code

    def titles(**query) -> list[str]:
        html = auth_client.get("/journal/", query).content.decode()
        rows = html.split('entry-row__title" dir="auto">')[1:]
        return sorted(row.split("</span>")[0] for row in rows)

    assert titles(tag=home) == ["A", "B"]
    assert titles(tag=home, mood=4) == ["B"]
    assert titles(mood=4) == ["B", "C"]
    assert titles(feeling="hurt") == ["A"]
    assert titles(q="tea", **{"from": "2026-03-05"}) == ["B"]
    assert titles(**{"from": "2026-03-01", "to": "2026-03-31"}) == ["A", "B"]


def test_paging_keeps_the_search_and_filters(auth_client, user):
    for n in range(25):
        make_entry(user, title=f"E{n:02d}", body="pebble", entry_date=datetime.date(2026, 1, n + 1))

    html = auth_client.get("/journal/", {"q": "pebble", "mood": ""}).content.decode()

    assert 'href="?q=pebble&amp;page=2"' in html
    assert "25 found" in html


def test_another_persons_tag_finds_nothing_and_reveals_nothing(auth_client, other_user):
    theirs = make_entry(other_user, tags=["secret plans"]).tags.get().code

    response = auth_client.get("/journal/", {"tag": str(theirs)})
    unknown = auth_client.get("/journal/", {"tag": str(uuid.uuid4())})

    def main(page) -> str:
        html = page.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert response.status_code == unknown.status_code == 400
    assert "secret plans" not in response.content.decode()
    assert main(response) == main(unknown)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"month": "2024-13"}, "There is no such month"),
        ({"from": "2024-02-30"}, "Enter a real date"),
        ({"tag": "not-a-uuid"}, "That tag address is not one we know"),
        ({"mood": "9"}, "A mood is a number from 1 to 5"),
        ({"feeling": "smug"}, "is not one of the feelings"),
        ({"q": "word " * 1000}, "Search for a few words at a time"),
        ({"q": " ".join(f"w{n}" for n in range(11))}, "Search for up to 10 words"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "The end date comes before"),
    ],
)
def test_bad_input_gets_a_clear_message_never_an_error(auth_client, user, query, message):
    path = "/journal/calendar/" if "month" in query else "/journal/"

    response = auth_client.get(path, query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_calendar_shows_the_persons_days_with_entries_and_mood(auth_client, user, other_user):
    make_entry(user, entry_date=datetime.date(2026, 3, 14), mood=2)
    make_entry(user, entry_date=datetime.date(2026, 3, 14), mood=4)
    make_entry(other_user, entry_date=datetime.date(2026, 3, 20), mood=5)

    html = auth_client.get("/journal/calendar/", {"month": "2026-03"}).content.decode()

    assert "March 2026: 2 entries" in html
    assert '14</span><span class="visually-hidden"> March: 2 entries, mood okay' in html
    assert "?from=2026-03-14&amp;to=2026-03-14" in html
    assert "20 March" not in html and "?from=2026-03-20" not in html
    assert 'href="?month=2026-02"' in html and 'href="?month=2026-04"' in html


def test_a_day_in_the_calendar_lists_that_days_entries(auth_client, user):
    make_entry(user, title="On the day", entry_date=datetime.date(2026, 3, 14))
    make_entry(user, title="Not that day", entry_date=datetime.date(2026, 3, 15))

    html = auth_client.get("/journal/", {"from": "2026-03-14", "to": "2026-03-14"})

    assert "On the day" in html.content.decode()
    assert "Not that day" not in html.content.decode()


@pytest.mark.parametrize(
    "path", ["/journal/", "/journal/?q=common", "/journal/?q=common&mood=3", "/journal/calendar/"]
)
def test_list_search_and_calendar_cost_the_same_queries_for_10_or_500_entries(
    auth_client, user, path, django_assert_max_num_queries
):
    today = user.today()

    def add(count: int) -> None:
        for n in range(count):
            make_entry(
                user,
                body=f"common word{n}",
                mood=3,
                tags=["t"],
                entry_date=today - datetime.timedelta(days=n % 20),
            )

    add(10)
    with CaptureQueriesContext(connection) as ten:
        auth_client.get(path)
    add(490)

    with django_assert_max_num_queries(len(ten.captured_queries)):
        assert auth_client.get(path).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN as PostgreSQL plans it")
def test_on_postgresql_a_search_is_an_index_lookup_on_the_index_table(user):
    for n in range(30):
        make_entry(user, body=f"common word{n}")
    query = Entry.objects.filter(pk__in=EntryWord.objects.matching(user, {"common", "word3"}))

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()

    assert "journal_word_lookup" in plan
    assert "Seq Scan on journal_entryword" not in plan


def test_the_calendar_shows_a_days_check_in_as_its_mood(auth_client, user):
    make_entry(user, entry_date=datetime.date(2026, 3, 14), mood=1)
    CheckIn.objects.create(user=user, day=datetime.date(2026, 3, 14), mood=5)
    CheckIn.objects.create(user=user, day=datetime.date(2026, 3, 15), mood=2)

    html = auth_client.get("/journal/calendar/", {"month": "2026-03"}).content.decode()

    assert '14</span><span class="visually-hidden"> March: 1 entry, mood very good' in html
    assert '15</span><span class="visually-hidden"> March: no entries, mood low' in html
    assert "?from=2026-03-15" not in html  # nothing to open on a day without entries

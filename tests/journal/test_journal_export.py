"""The journal in a person's export: complete, readable, and restored exactly."""

from __future__ import annotations

import json
import random
import uuid

import pytest

from accounts import portability
from healing.writing import normalise
from journal.models import Content, Entry, Revision, Tag
from tests.database import raw_dump
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

TRICKY = "Line one\nשלום עליכם · مرحبا · e\u0301 · 👩🏽‍❤️‍👨🏿 · \u200f\t tabs and  spaces  \n"  # noqa: RUF001 (right-to-left on purpose)


def journal_export(user) -> str:
    return json.dumps(portability.export_data(user)["journal"], ensure_ascii=False, sort_keys=True)


@pytest.fixture
def journal(user):
    entry = make_entry(
        user, title="First", body=TRICKY, tags=["family", "Rest"], mood=2, feelings={"hurt": 3}
    )
    entry.apply(Content(title="First", body=TRICKY + "more", tags=["family"]), "other-page-001")
    trashed = make_entry(user, title="In the trash", body="Binned")
    trashed.move_to_trash()
    return entry


def test_export_then_import_round_trips_byte_for_byte(journal, user):
    before = journal_export(user)
    data = json.loads(json.dumps(portability.export_data(user), ensure_ascii=False))

    Entry.objects.all().delete()
    Tag.objects.all().delete()
    report = portability.import_data(user, data)

    assert report["journal"]["journal_entries"] == 2
    assert journal_export(user) == before


def test_importing_twice_duplicates_nothing(journal, user):
    data = portability.export_data(user)

    report = portability.import_data(user, data)

    assert report["journal"]["journal_entries"] == 0
    assert user.journal_entries.count() == 2
    assert user.journal_tags.count() == 2


def test_restoring_into_a_second_account_works_while_the_first_still_exists(
    journal, user, other_user
):
    data = portability.export_data(user)

    first = portability.import_data(other_user, data)
    second = portability.import_data(other_user, data)

    assert first["journal"]["journal_entries"] == 2
    assert second["journal"]["journal_entries"] == 0
    assert other_user.journal_entries.count() == 2
    assert user.journal_entries.count() == 2
    mine = {e.code for e in user.journal_entries.all()}
    theirs = {e.code for e in other_user.journal_entries.all()}
    assert not mine & theirs
    first = next(e for e in other_user.journal_entries.all() if e.title == "First")
    assert first.revisions.count() == 1


def test_imports_apply_the_editors_limits_and_report_what_was_skipped(user):
    data = {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "journal": {
            "tags": [],
            "entries": [
                _item(body="x" * 200_001),
                _item(mood=9),
                _item(entry_date="2024-02-30"),
                _item(body="Fine"),
            ],
        },
    }

    report = portability.import_data(user, data)

    assert report["journal"]["journal_entries"] == 1
    assert report["journal"]["journal_entries_over_the_limits"] == 3
    assert user.journal_entries.get().body == "Fine"


def test_a_tag_over_the_limits_is_skipped_and_reported(user):
    long_tag = {
        "code": str(uuid.uuid4()),
        "name": "t" * 41,
        "created_at": "2026-01-02T10:00:00+00:00",
    }
    data = {
        "format": portability.FORMAT,
        "version": portability.VERSION,
        "journal": {"tags": [long_tag], "entries": [_item(tags=[long_tag["code"]]), _item()]},
    }

    report = portability.import_data(user, data)

    assert report["journal"]["tags_over_the_limits"] == 1
    assert report["journal"]["journal_entries_over_the_limits"] == 1
    assert user.journal_tags.count() == 0
    assert user.journal_entries.count() == 1


def _item(**fields):
    item = {
        "code": str(uuid.uuid4()),
        "title": "",
        "body": "",
        "entry_date": "2026-01-02",
        "mood": None,
        "feelings": {},
        "tags": [],
        "prompt": None,
        "created_at": "2026-01-02T10:00:00+00:00",
        "updated_at": "2026-01-02T10:00:00+00:00",
        "trashed_at": None,
        "revisions": [],
    }
    return {**item, **fields}


def test_a_thousand_unicode_texts_are_stored_and_exported_exactly(user):
    rng = random.Random(20261201)
    alphabet = (
        "abc xyz ÀÉÎõü ß ﬁ 漢字かなカナ 한국어 עברית العربية देवनागरी "
        "😀👍🏾🏳️‍🌈👨‍👩‍👧 e\u0301 a\u0308\u0323 \u200d\u200c\u200f \t\n\r\n\\\"'<>&"
    )
    texts = []
    for n in range(1000):
        size = 100_000 if n % 250 == 0 else rng.randint(0, 300)
        texts.append("".join(rng.choice(alphabet) for _ in range(size)))
    texts = [normalise(text) or "." for text in texts]  # as the editor stores them
    for text in texts:
        Entry.objects.record(user, uuid.uuid4(), Content(body=text), (0, "page-unicode-1"))

    exported = sorted(item["body"] for item in portability.export_data(user)["journal"]["entries"])

    assert exported == sorted(texts)


def test_the_markdown_export_has_one_readable_file_per_entry(journal, user):
    files = portability.PARTS["journal"].markdown(user)

    assert len(files) == 2
    text = next(body for name, body in files.items() if "First" in body)
    assert text.startswith("# First\n")
    assert "- Tags: family" in text
    assert TRICKY + "more" in text


def test_nothing_private_in_the_journal_is_in_the_database_in_clear(user):
    canary = "canary-journal-5c1d"
    entry = make_entry(user, title=f"{canary} title", body=f"{canary} body", tags=[f"{canary}"])
    entry.apply(Content(title="t", body="Later"), "other-page-002")
    entry.keep_aside(Content(body=f"{canary} aside"), "third-page-0001")

    dump = raw_dump()

    assert Revision.objects.count() == 2
    assert canary not in dump
    assert canary[:10] not in dump


def test_deleting_the_person_deletes_their_journal(journal, user, other_user):
    make_entry(other_user, body="Theirs")

    user_id = user.pk

    user.delete_account()

    assert Entry.objects.count() == 1
    assert Tag.objects.filter(user_id=user_id).count() == 0
    assert Revision.objects.count() == 0

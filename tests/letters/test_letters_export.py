"""Letters in a person's export: complete, readable, restored exactly and only once."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from accounts import portability
from letters.models import Draft, Letter, LetterAside
from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

TRICKY = "Dear me,\nשלום · 👩🏽‍❤️‍👨🏿 · \t tabs and  spaces  \n"  # noqa: RUF001 (right-to-left on purpose)


def letters_export(user) -> str:
    return json.dumps(portability.export_data(user)["letters"], ensure_ascii=False, sort_keys=True)


@pytest.fixture
def letters(user):
    sealed = make_letter(user, body=TRICKY, days=30)
    sealed.keep_aside(Draft(body="From another tab", arrives_on=sealed.arrives_on), "page-b-01")
    arrived = make_letter(user, body="You made it.", days=-3)
    arrived.open()
    Letter.objects.filter(pk=arrived.pk).update(announced_at=timezone.now())
    return sealed, arrived


def test_export_then_import_round_trips_exactly(letters, user):
    before = letters_export(user)
    data = json.loads(json.dumps(portability.export_data(user), ensure_ascii=False))

    Letter.objects.all().delete()
    report = portability.import_data(user, data)

    assert report["letters"]["letters"] == 2
    assert letters_export(user) == before
    assert LetterAside.objects.get().content().body == "From another tab"


def test_importing_twice_duplicates_nothing(letters, user):
    report = portability.import_data(user, portability.export_data(user))

    assert report["letters"]["letters"] == 0
    assert user.letters.count() == 2
    assert "Everything in this file was already here" in portability.describe(
        {"letters": report["letters"]}
    )


def test_restoring_into_a_second_account_works_while_the_first_still_exists(
    letters, user, other_user
):
    data = portability.export_data(user)

    portability.import_data(other_user, data)
    portability.import_data(other_user, data)

    assert other_user.letters.count() == 2
    assert {letter.body for letter in other_user.letters.all()} == {TRICKY, "You made it."}
    assert user.letters.count() == 2


def test_a_letter_over_the_limit_is_left_out_and_said_so(user):
    data = portability.export_data(user)
    item = {
        "code": "8f1d1c3e-2f6a-4a65-9a1e-0c1c4b1a2b3c",
        "body": "x" * 100_001,
        "arrives_on": "2031-01-01",
        "opened_at": None,
        "announced_at": None,
        "created_at": "2026-01-01T10:00:00+00:00",
        "updated_at": "2026-01-01T10:00:00+00:00",
    }
    data["letters"] = [item, {**item, "code": "9f1d1c3e-2f6a-4a65-9a1e-0c1c4b1a2b3c", "body": "ok"}]

    report = portability.import_data(user, data)

    assert report["letters"] == {"letters": 1, "letters_over_the_limits": 1}
    assert "Not restored, because they are longer" in portability.describe(report)
    assert user.letters.get().arrives_on == datetime.date(2031, 1, 1)


@pytest.mark.parametrize(
    "change",
    [{"arrives_on": "someday"}, {"arrives_on": None}, {"created_at": "yesterday"}, {"body": 7}],
)
def test_a_damaged_letter_is_refused_with_a_clear_message_and_nothing_restored(user, change):
    data = portability.export_data(user)
    data["letters"] = [
        {
            "code": "8f1d1c3e-2f6a-4a65-9a1e-0c1c4b1a2b3c",
            "body": "Dear me",
            "arrives_on": "2031-01-01",
            "created_at": "2026-01-01T10:00:00+00:00",
            "updated_at": "2026-01-01T10:00:00+00:00",
            **change,
        }
    ]

    with pytest.raises(portability.UnreadableExport, match="The “letters” part of this export"):
        portability.import_data(user, data)
    assert not user.letters.exists()


def test_the_zip_has_one_readable_file_per_letter(letters, user):
    sealed, _ = letters

    archive = zipfile.ZipFile(io.BytesIO(portability.export_zip(user)))

    names = [name for name in archive.namelist() if name.startswith("letters/")]
    assert len(names) == 2
    text = archive.read(f"letters/{sealed.arrives_on.isoformat()}-{str(sealed.code)[:8]}.md")
    assert TRICKY in text.decode()
    assert "# A letter to my future self, for" in text.decode()


def test_deleting_the_account_deletes_the_letters(letters, user):
    user.delete_account()

    assert not Letter.objects.exists()
    assert not LetterAside.objects.exists()

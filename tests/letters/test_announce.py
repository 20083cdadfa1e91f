"""Which letters the "a letter is waiting" email is for: arrived where their owner lives,
unread, never announced. The clock is passed in."""

from __future__ import annotations

import datetime

import pytest

from letters.models import Letter
from tests.accounts.factories import UserFactory
from tests.letters.factories import make_letter

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DAY = datetime.date(2030, 3, 20)


def waiting(now: datetime.datetime) -> set[str]:
    return {letter.body for letter in Letter.objects.waiting_to_be_announced(now)}


def letter_for(email: str, zone: str, body: str) -> Letter:
    person = UserFactory(email=email, time_zone=zone)
    letter = make_letter(person, body=body)
    Letter.objects.filter(pk=letter.pk).update(arrives_on=DAY)
    return letter


@pytest.fixture
def letters():
    return (
        letter_for("auckland@example.com", "Pacific/Auckland", "Auckland"),  # UTC+13 in March
        letter_for("london@example.com", "Europe/London", "London"),
        letter_for("la@example.com", "America/Los_Angeles", "Los Angeles"),  # UTC-7 (DST)
    )


def test_a_letter_waits_from_midnight_where_its_owner_lives(letters):
    assert waiting(datetime.datetime(2030, 3, 19, 10, 59, tzinfo=UTC)) == set()
    assert waiting(datetime.datetime(2030, 3, 19, 11, 0, tzinfo=UTC)) == {"Auckland"}
    assert waiting(datetime.datetime(2030, 3, 20, 0, 0, tzinfo=UTC)) == {"Auckland", "London"}
    assert waiting(datetime.datetime(2030, 3, 20, 6, 59, tzinfo=UTC)) == {"Auckland", "London"}
    assert waiting(datetime.datetime(2030, 3, 20, 7, 0, tzinfo=UTC)) == {
        "Auckland",
        "London",
        "Los Angeles",
    }


def test_announced_or_read_letters_are_not_waiting(letters):
    auckland, london, _ = letters
    later = datetime.datetime(2030, 3, 22, tzinfo=UTC)
    Letter.objects.filter(pk=auckland.pk).update(announced_at=later)
    london.open(later)

    assert waiting(later) == {"Los Angeles"}


def test_a_time_zone_this_machine_does_not_know_counts_as_utc(letters):
    london = Letter.objects.select_related("user").get(pk=letters[1].pk)
    type(london.user).objects.filter(pk=london.user.pk).update(time_zone="Mars/Olympus")

    assert "London" in waiting(datetime.datetime(2030, 3, 20, 0, 0, tzinfo=UTC))
    assert "London" not in waiting(datetime.datetime(2030, 3, 19, 23, 59, tzinfo=UTC))


def test_it_asks_once_per_time_zone_not_once_per_letter(letters, django_assert_num_queries):
    for n in range(5):
        letter_for(f"london{n}@example.com", "Europe/London", f"London {n}")

    with django_assert_num_queries(2):  # the zones, then the letters
        found = waiting(datetime.datetime(2030, 3, 20, 12, 0, tzinfo=UTC))

    assert len(found) == 8

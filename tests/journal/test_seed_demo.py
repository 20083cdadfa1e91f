"""seed_demo: a demo person's journal, sealed and indexed like real saves, found by search."""

from __future__ import annotations

import collections
import io
import random
import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from healing.models import Exercise, Response
from journal import demo, search
from journal.models import CheckIn, Entry, EntryWord, Tag
from tests.accounts.factories import UserFactory
from tests.database import raw_dump
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

DEMO = "demo@example.com"
SEARCH_LINE = re.compile(r"Search word: (\w+) \(in (\d+) of (\d+) entries\)")


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # seed_demo is for development; tests run with DEBUG off


def seed(*args: str, email: str = DEMO, entries: int = 200) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--email", email, "--entries", str(entries), *args, stdout=out)
    return out.getvalue()


def searched(user: User, query: str) -> int:
    client = Client()
    client.force_login(user)
    html = client.get("/journal/", {"q": query}).content.decode()
    return int(re.search(r"(\d+) found", html).group(1))


def contents(email: str) -> list[tuple]:
    entries = User.objects.get(email=email).journal_entries.order_by("pk")
    return [
        (e.title, e.body, e.entry_date, e.mood, e.feelings, sorted(t.name for t in e.tags.all()))
        for e in entries.prefetch_related("tags")
    ]


def test_a_confirmed_person_with_entries_that_decrypt_and_a_word_search_finds(db):
    out = seed("--password", "a gentle demo passphrase", "--seed", "3")

    word, found, total = SEARCH_LINE.search(out).groups()
    person = User.objects.get(email=DEMO)
    assert (int(found), int(total)) == (2, 200)  # about 1%
    assert "200 of 200 entries" in out  # progress
    assert person.journal_entries.count() == 200
    assert all(entry.body.strip() for entry in person.journal_entries.all())
    assert searched(person, word) == 2
    assert searched(person, word.upper()) == 2
    assert word not in raw_dump()  # sealed and hashed, like every entry
    assert EmailAddress.objects.get(user=person).verified
    assert Client().login(email=DEMO, password="a gentle demo passphrase")


def test_entries_are_varied_and_spread_over_the_years(db):
    seed("--seed", "5", "--years", "2", entries=300)
    entries = list(User.objects.get(email=DEMO).journal_entries.all())

    lengths = [len(entry.body) for entry in entries]
    days = {entry.entry_date for entry in entries}
    assert max(lengths) > 10 * min(lengths)
    assert (max(days) - min(days)).days > 600
    assert len({entry.mood for entry in entries}) == 6  # five moods and none
    assert sum(bool(entry.feelings) for entry in entries) > 150
    assert sum(entry.tags.exists() for entry in entries) > 100
    assert sum(entry.prompt_id is not None for entry in entries) > 5
    assert all(entry.created_at.date() == entry.entry_date for entry in entries)


def test_index_rows_and_tags_are_what_a_real_save_writes(db):
    seed("--seed", "7", entries=30)
    person = User.objects.get(email=DEMO)

    for entry in person.journal_entries.prefetch_related("tags"):
        saved = Entry.objects.record(person, uuid.uuid4(), entry.content(), (0, "a-real-editor"))
        assert saved.words_digest == entry.words_digest
        assert set(saved.words.values_list("digest", flat=True)) == set(
            entry.words.values_list("digest", flat=True)
        )
        assert set(saved.tags.all()) == set(entry.tags.all())
    assert Tag.objects.filter(user=person).count() == len({t.name for t in Tag.objects.all()})


def test_an_answer_to_every_exercise_and_recent_check_ins(db):
    seed("--seed", "2", entries=5)
    person = User.objects.get(email=DEMO)

    answers = {response.exercise_id: response for response in person.guide_responses.all()}
    exercises = list(Exercise.objects.current())
    assert exercises
    assert set(answers) == {exercise.pk for exercise in exercises}
    for exercise in exercises:
        exercise.check_answer(answers[exercise.pk].answer)
        assert not exercise.is_empty(answers[exercise.pk].answer)
    assert CheckIn.objects.filter(user=person).count() > 30


def test_the_same_seed_writes_the_same_journal(db):
    seed("--seed", "11", email="one@example.com", entries=40)
    seed("--seed", "11", email="two@example.com", entries=40)
    seed("--seed", "12", email="three@example.com", entries=40)

    assert contents("one@example.com") == contents("two@example.com")
    assert contents("one@example.com") != contents("three@example.com")


def test_an_account_in_use_is_refused_unless_replaced(user):
    kept = make_entry(user, title="Mine", body="my own words")

    with pytest.raises(CommandError, match="already has an account with a journal"):
        seed(email=user.email)
    assert list(user.journal_entries.all()) == [kept]

    out = seed("--replace", "--seed", "1", email=user.email, entries=20)

    assert not user.journal_entries.filter(pk=kept.pk).exists()
    assert user.journal_entries.count() == 20
    assert "password" not in out  # the person's own password is kept and never shown
    assert User.objects.get(pk=user.pk).password == user.password


def test_the_demo_person_is_never_given_someone_elses_data(user, other_user):
    theirs = make_entry(other_user, title="Theirs", body="kingfisher sunlight hummingbird")
    EmailAddress.objects.create(user=other_user, email="shared@example.com", verified=True)

    with pytest.raises(CommandError, match="an address of another account"):
        seed(email="shared@example.com")
    with pytest.raises(CommandError, match="administrator"):
        seed("--replace", email=UserFactory(email="admin@example.com", is_staff=True).email)
    out = seed("--seed", "4")

    person = User.objects.get(email=DEMO)
    word = SEARCH_LINE.search(out).group(1)
    assert Entry.objects.exclude(user=person).get() == theirs
    assert theirs.words.count() == 4  # theirs, kingfisher, sunlight, hummingbird
    assert not EntryWord.objects.filter(entry__user=person).exclude(user=person).exists()
    assert not Tag.objects.filter(entries__user=person).exclude(user=person).exists()
    assert not Response.objects.filter(user=other_user).exists()
    assert searched(other_user, word) == 1  # only their own entry
    assert searched(person, "theirs") == 0


def test_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        seed()
    assert not User.objects.filter(email=DEMO).exists()

    seed("--force", entries=3)
    assert User.objects.get(email=DEMO).journal_entries.count() == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "not-an-address", "--entries", "5"], "is not an email address"),
        (["--email", DEMO, "--entries", "0"], "--entries must be from 1"),
        (["--email", DEMO, "--entries", "5", "--years", "0"], "--years must be from 1"),
    ],
)
def test_bad_arguments_get_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", *args, stdout=io.StringIO())
    assert not User.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_tables_are_vacuumed_and_analysed_afterwards():
    with CaptureQueriesContext(connection) as queries:
        seed(entries=3)

    analysed = [q["sql"] for q in queries if q["sql"].startswith("VACUUM ANALYZE")]
    assert analysed and "journal_entryword" in analysed[0]
    assert User.objects.get(email=DEMO).journal_entries.count() == 3


def test_the_words_are_thousands_with_a_zipf_like_spread():
    vocabulary = demo.vocabulary()
    writer = demo.Writer(random.Random(1))
    text = " ".join(writer.paragraphs(10) for _ in range(1000))
    counts = collections.Counter(search.fold(w) for w in search.WORD.findall(text))
    ranked = [count for _, count in counts.most_common()]

    assert len(vocabulary) >= 2000
    assert len(counts) > 1200
    assert ranked[0] > 20 * ranked[99] > ranked[999]  # a few words common, most rare
    assert not set(demo.SEARCH_WORDS) & vocabulary


def test_no_search_word_is_in_the_guide(db):
    prompts = " ".join(line for e in Exercise.objects.all() for line in e.questions())

    assert prompts
    assert not set(demo.SEARCH_WORDS) & search.words(prompts)

"""A demo person with a journal of N readable entries, to try the app and to measure it.

    manage.py seed_demo --email demo@example.com --entries 10000

Creates a confirmed account (or, with --replace, empties an existing one), then
writes entries spread over the last years with moods, feelings, tags and some
linked to the guide's prompts, an answer to every exercise of the guide, and mood
check-ins for recent days. Entries are sealed and indexed by the same code as a
real save, in bulk. One word is put into about 1% of the entries and printed:
searching for it finds exactly that many.
"""

from __future__ import annotations

import datetime
import random
import secrets
import time
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import connection, transaction

from accounts.models import User
from healing.kinds import Kind
from healing.models import Exercise, Response
from healing.writing import new_editor_id
from journal.demo import SEARCH_SHARE, SEARCH_WORDS, Writer
from journal.models import CheckIn, Entry, EntryWord, Tag

BATCH = 500  # entries per bulk write
MAX_ENTRIES = 100_000
PROMPTED = 0.08  # the share of entries written from one of the guide's prompts
CHECK_IN_DAYS = 120
# Everything a person can hold: what --replace deletes, and what makes an account "in use".
HOLDINGS = (
    "journal_entries",
    "journal_tags",
    "mood_checkins",
    "guide_responses",
    "guide_ticks",
    "guide_progress",
)
FOUND_IN = (
    "Later I thought of the {word} again.",
    "The {word} stayed with me all day.",
    "I looked at the {word} for a long time.",
)


class Command(BaseCommand):
    help = (
        "Create a demo person with N readable journal entries, answers to every exercise "
        "and mood check-ins, for trying the app and measuring it. Development only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="The demo person's email address.")
        parser.add_argument("--entries", type=int, required=True, help="How many entries.")
        parser.add_argument(
            "--password", help="Their password; a new account gets a random one if left out."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Use an existing account with this address, deleting its journal, "
            "answers and check-ins first.",
        )
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--seed", type=int, help="The same seed writes the same journal.")
        parser.add_argument(
            "--years", type=int, default=3, help="How many years back entries go (default 3)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this may be a real site: seed_demo writes made-up people "
                "and entries. Nothing was changed. Add --force if you mean it."
            )
        count, years = options["entries"], options["years"]
        if not 1 <= count <= MAX_ENTRIES:
            raise CommandError(f"--entries must be from 1 to {MAX_ENTRIES:,}; got {count}.")
        if not 1 <= years <= 50:
            raise CommandError(f"--years must be from 1 to 50; got {years}.")
        email = User.objects.normalize_email(options["email"]).lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{options['email']}” is not an email address.") from None

        started = time.monotonic()
        rng = random.Random(options["seed"])  # noqa: S311 (made-up text, not secrets)
        with transaction.atomic():
            user, password = self.person(email, options["password"], options["replace"])
            word, found = self.journal(user, Writer(rng), count, years)
            answered = self.answers(user, Writer(rng))
            checked = self.check_ins(user, rng)
        if connection.vendor == "postgresql":
            # Fresh statistics: without them PostgreSQL plans a search ~30 times slower.
            # VACUUM too (it cannot run inside a transaction) lets it count and look up
            # words from the indexes alone, as it will once autovacuum has passed.
            tables = [model._meta.db_table for model in (Entry, EntryWord, Tag, CheckIn)]
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(f"{command} {', '.join(tables)}")

        took = time.monotonic() - started
        self.stdout.write(
            f"Wrote {count:,} entries, {answered} answers and {checked} check-ins for "
            f"{email} in {took:.1f} s."
        )
        if password:
            self.stdout.write(f"Sign in as {email} with the password: {password}")
        self.stdout.write(f"Search word: {word} (in {found} of {count} entries)")

    def person(self, email: str, password: str | None, replace: bool) -> tuple[User, str]:
        """The demo person, confirmed, with nothing in their account. Returns the password
        to show when this command chose it."""
        user = User.objects.filter(email__iexact=email).first()
        if EmailAddress.objects.filter(email__iexact=email).exclude(user=user).exists():
            raise CommandError(f"{email} is an address of another account. Nothing was changed.")
        shown = ""
        if user is None:
            shown = "" if password else secrets.token_urlsafe(12)
            user = User.objects.create_user(email, password or shown)
        else:
            if user.is_staff or user.is_superuser:
                raise CommandError(
                    f"{email} is an administrator's account; seed_demo never changes one."
                )
            in_use = any(getattr(user, name).exists() for name in HOLDINGS)
            if in_use and not replace:
                raise CommandError(
                    f"{email} already has an account with a journal or answers. Nothing was "
                    "changed. Add --replace to delete what it holds and write demo data instead."
                )
            for name in HOLDINGS:
                getattr(user, name).all().delete()
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user,
            email__iexact=email,
            defaults={"email": email, "verified": True, "primary": True},
        )
        return user, shown

    def journal(self, user: User, writer: Writer, count: int, years: int) -> tuple[str, int]:
        """Writes the entries; returns the search word and how many entries hold it."""
        rng = writer.rng
        today = user.today()
        prompts = list(Exercise.objects.current().exclude(kind=Kind.LOOKBACK))
        word = rng.choice(SEARCH_WORDS)
        holding = set(rng.sample(range(count), max(1, round(count * SEARCH_SHARE))))
        drafts = []
        for n in range(count):
            day = today - datetime.timedelta(days=rng.randrange(365 * years))
            prompt = rng.choice(prompts) if prompts and rng.random() < PROMPTED else None
            content = writer.entry(day, prompt)
            if n in holding:
                content.body += " " + rng.choice(FOUND_IN).format(word=word)
            moment = datetime.time(rng.randint(6, 23), rng.randint(0, 59))
            written = datetime.datetime.combine(day, moment, tzinfo=user.zone())
            drafts.append((Entry(prompt=prompt, created_at=written), content))
            if len(drafts) == BATCH or n == count - 1:
                Entry.objects.write_many(user, drafts)
                drafts = []
                self.stdout.write(f"  {n + 1:,} of {count:,} entries")
        return word, len(holding)

    def answers(self, user: User, writer: Writer) -> int:
        """An answer to every exercise of the guide, saved as the guide saves one."""
        exercises = list(Exercise.objects.current().select_related("chapter"))
        for exercise in exercises:
            answer = writer.answer(exercise)
            exercise.check_answer(answer)
            day = user.today() - datetime.timedelta(days=writer.rng.randrange(365))
            Response.objects.record(user, exercise, answer, day, (0, new_editor_id()))
        return len(exercises)

    def check_ins(self, user: User, rng: random.Random) -> int:
        today = user.today()
        days = [today - datetime.timedelta(days=n) for n in range(CHECK_IN_DAYS)]
        rows = [
            CheckIn(user=user, day=day, mood=rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]))
            for day in days
            if rng.random() < 0.6
        ]
        CheckIn.objects.bulk_create(rows)
        return len(rows)

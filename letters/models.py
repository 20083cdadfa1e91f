"""Letters to my future self: written now, sealed until the day the person chose.

A letter's words are sealed with the owner's key, like a journal entry; the day it
arrives, and when it was opened or announced, are kept in clear so that Today and
the "a letter is waiting" email can find it without opening anything.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from accounts.sealed import SealedField
from healing import writing
from healing.writing import Snapshot, Versioned

MAX_LETTER = 100_000
# The zone furthest ahead of UTC (Kiribati) reaches a date this long before UTC does.
AHEAD_OF_UTC = datetime.timedelta(hours=14)


@dataclass
class Draft:
    """Everything a person writes in one letter, as plain values."""

    body: str = ""
    arrives_on: datetime.date | None = None

    def is_empty(self) -> bool:
        return not self.body.strip()

    def describe(self) -> list[tuple[str, str]]:
        """As (label, text) pairs: the conflict view compares these."""
        when = date_format(self.arrives_on, "j F Y") if self.arrives_on else ""
        return [(label, text) for label, text in (("Letter", self.body), ("Arrives", when)) if text]

    def as_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "arrives_on": self.arrives_on.isoformat() if self.arrives_on else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        day = data.get("arrives_on")
        body = data.get("body", "")
        if not isinstance(body, str):
            raise ValueError("a letter is text")
        return cls(body=body, arrives_on=datetime.date.fromisoformat(day) if day else None)


class LetterQuerySet(models.QuerySet["Letter"]):
    def arrived(self, day: datetime.date) -> LetterQuerySet:
        """Letters whose day has come, `day` being the owner's today."""
        return self.filter(arrives_on__lte=day)

    def sealed(self, day: datetime.date) -> LetterQuerySet:
        return self.filter(arrives_on__gt=day)

    def unopened(self) -> LetterQuerySet:
        return self.filter(opened_at__isnull=True)

    def waiting_to_be_announced(self, now: datetime.datetime | None = None) -> LetterQuerySet:
        """Everyone's letters that have arrived (their day has begun where their owner
        lives), are not opened yet (one opened early is not waiting) and were never
        announced: what the "a letter is waiting" email is for. It sets announced_at."""
        now = now or timezone.now()
        pending = self.filter(
            announced_at__isnull=True,
            opened_at__isnull=True,
            arrives_on__lte=(now + AHEAD_OF_UTC).date(),
        )
        arrived = models.Q(pk__in=[])
        zones = pending.order_by().values_list("user__time_zone", flat=True).distinct()
        for name in zones:
            local = now.astimezone(User(time_zone=name).zone()).date()
            arrived |= models.Q(user__time_zone=name, arrives_on__lte=local)
        return pending.filter(arrived).select_related("user")  # whom to tell

    def record(self, user: User, code: uuid.UUID, draft: Draft, stamp: tuple[int, str]) -> Letter:
        """Save a letter from a page (see healing.writing.record): NothingYet for an
        empty new letter, Letter.DoesNotExist for a code that is someone else's, Stale
        when another page saved first."""
        rows = user.letters.filter(code=code)
        return writing.record(rows, lambda: Letter(user=user, code=code), draft, stamp)


class Letter(Versioned):
    """A letter to the person's future self. The words are sealed; the day is not."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letters"
    )
    body = SealedField(owner="user")
    arrives_on = models.DateField()
    opened_at = models.DateTimeField(null=True, blank=True)
    # Set by the email that says a letter is waiting, so it is said once.
    announced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["arrives_on", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "arrives_on"], name="letters_by_day")]

    def __str__(self) -> str:
        # Never decrypts: the admin's history stores this.
        return f"Letter {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("letters:letter-detail", args=[self.code])

    def content(self) -> Draft:
        return Draft(body=self.body, arrives_on=self.arrives_on)

    def describe(self) -> list[tuple[str, str]]:
        return self.content().describe()

    def has_arrived(self, today: datetime.date) -> bool:
        return self.arrives_on <= today

    def apply(self, draft: Draft, editor: str) -> None:
        self.body = draft.body
        self.arrives_on = draft.arrives_on
        self.stamp_write(editor)
        self.save()

    def keep_aside(self, draft: Draft, editor: str) -> LetterAside:
        return LetterAside.objects.keep_aside(self, draft, editor)

    def settle(self, aside: LetterAside, draft: Draft | None, editor: str) -> None:
        """End a conflict: write `draft` (None keeps what is saved) and let the aside go."""
        if draft is not None:
            self.write_from_page(draft, (self.save_count, editor), check=False)
        aside.delete()

    def open(self, now: datetime.datetime | None = None) -> None:
        """Read: early, or on or after its day. It is then no longer waiting on Today."""
        if self.opened_at is None:
            self.opened_at = now or timezone.now()
            self.save(update_fields=["opened_at"])


class LetterAside(Snapshot):
    """A page's text kept in a conflict: it saved after another page had. A letter keeps
    no history of its own, so its snapshots are only these, until the person chooses."""

    OF = "letter"
    CONTENT = Draft
    ASIDE: ClassVar[dict[str, str]] = {}  # every one is kept aside

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="asides")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letter_asides"
    )

    def __str__(self) -> str:
        return f"Letter kept aside {self.code}"

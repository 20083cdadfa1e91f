from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property

from accounts import crypto
from accounts.sealed import SealedField
from healing import writing
from healing.feelings import BY_CODE, INTENSITIES
from healing.models import Exercise
from healing.writing import Snapshot, Versioned
from journal import search

if TYPE_CHECKING:
    from accounts.models import User

MAX_BODY = 200_000
MAX_TITLE = 200
MAX_TAG = 40
MAX_TAGS = 20
EXCERPT = 280
TRASH_DAYS = 30
# Saves from one page within this time make one revision; at least 50 are kept.
REVISION_WINDOW = datetime.timedelta(minutes=5)
BULK = 2000  # rows per INSERT when writing many entries at once


class Mood(models.IntegerChoices):
    VERY_LOW = 1, "Very low"
    LOW = 2, "Low"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    VERY_GOOD = 5, "Very good"


def tag_key(name: str) -> str:
    """What makes two tag names the same tag: case and spacing do not."""
    return " ".join(name.casefold().split())


class TagQuerySet(models.QuerySet["Tag"]):
    def named(self, user: User, names: list[str]) -> list[Tag]:
        """The person's tags with these names, created when new, in the order given."""
        wanted = {Tag.hash_of(user, name): name.strip() for name in names}
        found = {tag.name_hash: tag for tag in user.journal_tags.filter(name_hash__in=wanted)}
        for digest, name in wanted.items():
            if digest not in found:
                tag = Tag(user=user, name=name, name_hash=digest)
                try:
                    with transaction.atomic():
                        tag.save()
                except IntegrityError:  # created meanwhile by another save
                    tag = user.journal_tags.get(name_hash=digest)
                found[digest] = tag
        return [found[digest] for digest in wanted]


class Tag(models.Model):
    """A person's own tag. Its name is sealed; it is unique per person through a keyed
    hash of the name, and addressed by its UUID in URLs."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_tags"
    )
    name = SealedField(owner="user")
    name_hash = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "name_hash"], name="journal_tag_unique_name"),
        ]

    def __str__(self) -> str:
        return f"Tag {self.code}"

    @staticmethod
    def hash_of(user: User, name: str) -> str:
        """What the tag named `name` is known by in the database: a keyed hash, never the name."""
        return crypto.keyed_hash(user, tag_key(name))


def feeling_words(feelings: dict[str, int]) -> str:
    """ "Sadness (strongly), Hope (a little)"."""
    return ", ".join(
        f"{BY_CODE[code].name} ({INTENSITIES.get(level, '').lower()})"
        for code, level in feelings.items()
        if code in BY_CODE
    )


@dataclass
class Content:
    """Everything a person writes in one entry, as plain values."""

    title: str = ""
    body: str = ""
    entry_date: datetime.date | None = None
    mood: int | None = None
    feelings: dict[str, int] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.title.strip() or self.body.strip() or self.mood or self.feelings)

    def describe(self) -> list[tuple[str, str]]:
        """As (label, text) pairs: the conflict view compares these."""
        pairs = [("Title", self.title), ("Entry", self.body)]
        if self.entry_date:
            pairs.append(("Date", date_format(self.entry_date, "j F Y")))
        pairs.append(("Mood", Mood(self.mood).label if self.mood else ""))
        pairs.append(("Feelings", feeling_words(self.feelings)))
        pairs.append(("Tags", ", ".join(self.tags)))
        return [(label, text) for label, text in pairs if text]

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["entry_date"] = self.entry_date.isoformat() if self.entry_date else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Content:
        date = data.get("entry_date")
        return cls(
            title=data.get("title", ""),
            body=data.get("body", ""),
            entry_date=datetime.date.fromisoformat(date) if date else None,
            mood=data.get("mood"),
            feelings=dict(data.get("feelings", {})),
            tags=list(data.get("tags", [])),
        )


class EntryQuerySet(models.QuerySet["Entry"]):
    def live(self) -> EntryQuerySet:
        return self.filter(trashed_at__isnull=True)

    def trashed(self) -> EntryQuerySet:
        return self.filter(trashed_at__isnull=False)

    def newest_first(self) -> EntryQuerySet:
        return self.order_by("-entry_date", "-created_at", "-pk")

    def on_this_day(self, day: datetime.date) -> EntryQuerySet:
        """Entries from this date in earlier years, the most recent year first."""
        return self.filter(entry_date__month=day.month, entry_date__day=day.day, entry_date__lt=day)

    def listed(self, *more: str) -> EntryQuerySet:
        """Only the columns a list row shows (journal/templatetags/entry_rows.py), and
        `more`: building each entry from every column cost more than drawing its row."""
        return self.only("code", "user", "title", "excerpt", "entry_date", "mood", *more)

    def with_tags(self, tags: Mapping[int, Tag]) -> list[Entry]:
        """These entries, each with its `tag_list` taken from `tags` (the person's tags by
        id): one query for all their tags. A prefetch makes one Tag a row it is on, each
        opening the name again; here a tag is one instance, opened once."""
        entries = list(self)
        if not entries:
            return entries
        lists: dict[int, list[Tag]] = {entry.pk: [] for entry in entries}
        links = Entry.tags.through.objects.filter(entry_id__in=lists).order_by("pk")
        for entry_id, tag_id in links.values_list("entry_id", "tag_id"):
            if tag_id in tags:  # else made since `tags` was read: shown from the next page
                lists[entry_id].append(tags[tag_id])
        for entry in entries:
            entry.tag_list = lists[entry.pk]
        return entries

    def purge_trash(self, now: datetime.datetime | None = None) -> int:
        """Delete for ever what has been in the trash over 30 days. Safe to run at any time."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=TRASH_DAYS)
        deleted, _ = self.filter(trashed_at__lt=cutoff).delete()
        return deleted

    def write_many(self, user: User, drafts: list[tuple[Entry, Content]]) -> None:
        """Save new entries in a few bulk inserts (demo data), sealed and indexed by the
        same code as one save. Each draft is an unsaved Entry (its prompt and created_at
        may be set) and what it holds."""
        found = []
        for entry, content in drafts:
            entry.user = user
            found.append(entry.take(content, editor=""))
        self.bulk_create([entry for entry, _ in drafts], batch_size=BULK)
        names = list(dict.fromkeys(name for _, content in drafts for name in content.tags))
        tags = {tag.name_hash: tag for tag in Tag.objects.named(user, names)}
        links = Entry.tags.through
        links.objects.bulk_create(
            [
                links(entry_id=entry.pk, tag_id=tags[digest].pk)
                for entry, content in drafts
                for digest in {Tag.hash_of(user, name) for name in content.tags}
            ],
            batch_size=BULK,
        )
        EntryWord.objects.bulk_create(
            [
                EntryWord(entry_id=entry.pk, user_id=user.pk, digest=digest)
                for (entry, _), words in zip(drafts, found, strict=True)
                for digest in EntryWord.objects.digests(user, words or set())
            ],
            batch_size=BULK,
        )

    def record(
        self,
        user: User,
        code: uuid.UUID,
        content: Content,
        stamp: tuple[int, str],
        prompt: Exercise | None = None,
        resolving: Revision | None = None,
    ) -> Entry:
        """Save an entry from a page (see healing.writing.record): NothingYet for an
        empty new entry, Entry.DoesNotExist for a code that is someone else's, Stale
        when another page saved first."""
        rows = user.journal_entries.prefetch_related("tags").filter(code=code)
        keep_as = Revision.Kind.EDIT if resolving else None
        return writing.record(
            rows,
            lambda: Entry(user=user, code=code, prompt=prompt),
            content,
            stamp,
            keep_as=keep_as,
        )


class Entry(Versioned):
    """A journal entry. Title, body and tag names are sealed; the date, mood and feeling
    codes are kept in clear for the calendar and charts."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = SealedField(owner="user")
    body = SealedField(owner="user")
    excerpt = SealedField(owner="user")  # the start of the body, for lists
    entry_date = models.DateField()
    mood = models.PositiveSmallIntegerField(choices=Mood.choices, null=True, blank=True)
    feelings = models.JSONField(default=dict, blank=True)
    tags = models.ManyToManyField(Tag, related_name="entries", blank=True)
    prompt = models.ForeignKey(
        Exercise, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    trashed_at = models.DateTimeField(null=True, blank=True)
    # When the current run of saves began: saves within REVISION_WINDOW make one revision.
    period_started_at = models.DateTimeField(default=timezone.now, editable=False)
    # A keyed hash of the entry's set of words: the index is rewritten only when it changes.
    words_digest = models.CharField(max_length=32, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        indexes = [
            # The list, newest first, without sorting the journal: partial, because
            # PostgreSQL cannot use a "trashed_at IS NULL" column of an index for order.
            models.Index(
                fields=["user", "-entry_date", "-created_at", "-id"],
                condition=models.Q(trashed_at__isnull=True),
                name="journal_entry_live",
            ),
        ]

    def __str__(self) -> str:
        # Never decrypts: the admin's history stores this.
        return f"Entry {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("journal:entry-detail", args=[self.code])

    @cached_property
    def tag_list(self) -> list[Tag]:
        """The entry's tags: prefetched, or given by EntryQuerySet.with_tags."""
        return list(self.tags.all())

    def content(self) -> Content:
        return Content(
            title=self.title,
            body=self.body,
            entry_date=self.entry_date,
            mood=self.mood,
            feelings=dict(self.feelings),
            tags=[tag.name for tag in self.tags.all()],
        )

    def describe(self) -> list[tuple[str, str]]:
        return self.content().describe()

    @property
    def feeling_words(self) -> str:
        return feeling_words(self.feelings)

    @property
    def in_trash(self) -> bool:
        return self.trashed_at is not None

    @property
    def purge_date(self) -> datetime.date | None:
        if self.trashed_at is None:
            return None
        return (self.trashed_at + datetime.timedelta(days=TRASH_DAYS)).date()

    def apply(self, content: Content, editor: str, keep_as: str | None = None) -> None:
        """Write `content` as this page's save. What it replaces becomes a revision when
        another page wrote it or its run of saves is over, or always when `keep_as` says
        what kind of revision to keep (settling a conflict, going back to a revision)."""
        now = timezone.now()
        over = self.editor != editor or now - self.period_started_at > REVISION_WINDOW
        if self.pk and (keep_as or over):
            Revision.objects.snapshot(self, keep_as or Revision.Kind.EDIT)
            self.period_started_at = now
        old_tags = [] if self.pk is None else [tag.name for tag in self.tags.all()]
        digest = self.words_digest
        found = self.take(content, editor)
        self.save()
        if content.tags != old_tags:
            self.tags.set(Tag.objects.named(self.user, content.tags))
        if found is not None and self.words_digest != digest:
            EntryWord.objects.index(self, found)

    def take(self, content: Content, editor: str) -> set[str] | None:
        """Hold `content` as written by page `editor`, unsaved. Returns the words of the
        title and body when they may have changed (new digest set), else None."""
        wording = (content.title, content.body) != (self.title, self.body) or self.pk is None
        self.title = content.title
        self.body = content.body
        self.excerpt = content.body[:EXCERPT]
        self.entry_date = content.entry_date or self.user.today()
        self.mood = content.mood
        self.feelings = dict(content.feelings)
        self.stamp_write(editor)
        if not wording:
            return None
        found = search.words(content.title) | search.words(content.body)
        self.words_digest = crypto.keyed_hash(self.user, "\n".join(sorted(found)))
        return found

    def keep_aside(self, content: Content, editor: str) -> Revision:
        return Revision.objects.keep_aside(self, content, editor)

    def move_to_trash(self) -> None:
        self.trashed_at = timezone.now()
        self.save(update_fields=["trashed_at"])

    def restore_from_trash(self) -> None:
        self.trashed_at = None
        self.save(update_fields=["trashed_at"])


class Revision(Snapshot):
    """An earlier state of an entry, or (ASIDE) a page's text kept in a conflict."""

    OF = "entry"
    CONTENT = Content

    class Kind(models.TextChoices):
        EDIT = "edit", "Earlier version"
        ASIDE = "aside", "From another tab"
        BEFORE_RESTORE = "before-restore", "Before going back to an earlier version"

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_revisions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    def __str__(self) -> str:
        return f"Revision {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("journal:revision-detail", args=[self.entry.code, self.code])


class EntryWordQuerySet(models.QuerySet["EntryWord"]):
    @staticmethod
    def digests(user: User, found: set[str]) -> set[str]:
        """The words as the index holds them: keyed hashes under the person's index key."""
        return {crypto.keyed_hash(user, word) for word in found}

    def index(self, entry: Entry, found: set[str]) -> None:
        """Make the entry's index rows these words' hashes, changing only the difference."""
        wanted = self.digests(entry.user, found)
        held = set(entry.words.values_list("digest", flat=True))
        if held - wanted:
            entry.words.filter(digest__in=held - wanted).delete()
        self.bulk_create(
            [EntryWord(entry=entry, user=entry.user, digest=digest) for digest in wanted - held],
            ignore_conflicts=True,
        )

    def matching(self, user: User, found: set[str]) -> models.QuerySet[Any]:
        """The ids of the person's entries holding every one of these words: an index
        lookup whose cost grows with the matches, not with the journal."""
        digests = self.digests(user, found)
        return (
            self.filter(user=user, digest__in=digests)
            .values("entry")
            .annotate(found=models.Count("digest"))
            .filter(found=len(digests))
            .values("entry")
        )


class EntryWord(models.Model):
    """One word of an entry, held only as a keyed hash under the person's index key: the
    database can find entries by word without holding a readable one. It can tell which
    of a person's entries share a word, never what the word is."""

    # No index of their own: the two below lead with these columns, and a lone user_id
    # index would only tempt the planner away from the lookup one.
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="words", db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    digest = models.CharField(max_length=32)

    objects = EntryWordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "digest"], name="journal_word_once"),
        ]
        indexes = [
            models.Index(fields=["user", "digest", "entry"], name="journal_word_lookup"),
        ]

    def __str__(self) -> str:
        return f"Word {self.pk}"


class CheckIn(models.Model):
    """A day's mood in one tap: one per person per day, and it can be changed. Kept in
    clear, like an entry's mood, for the calendar and the charts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mood_checkins"
    )
    day = models.DateField()
    mood = models.PositiveSmallIntegerField(choices=Mood.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="journal_checkin_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.pk}"

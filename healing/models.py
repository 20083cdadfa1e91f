from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.sealed import SealedField
from healing import markdown
from healing.kinds import KINDS, MAX_ANSWER_LENGTH, ExerciseKind, Frequency, Kind
from healing.writing import NothingYet, Stale, Versioned

if TYPE_CHECKING:
    from accounts.models import User

__all__ = ["MAX_ANSWER_LENGTH", "Frequency", "Kind"]
# Answer keys stored in clear beside the sealed part (DESIGN: feeling codes, for charts).
CLEAR_KEYS = frozenset(key for kind in KINDS.values() for key in kind.clear_keys)


@dataclass
class Reading:
    """Where a person is in the guide (guide_cache.Kept.reading)."""

    chapters: list[Chapter]
    progress: dict[int, Progress]

    @property
    def completed(self) -> int:
        return sum(1 for p in self.progress.values() if p.completed_at)

    @property
    def finished(self) -> bool:
        return bool(self.chapters) and self.completed == len(self.chapters)

    @property
    def continue_at(self) -> tuple[Chapter, str] | None:
        """Where the reader was, or, once that chapter is complete, the next one not yet
        complete; None before any reading, and once every chapter is complete."""
        latest = max(self.progress.values(), key=lambda p: p.last_read_at, default=None)
        if latest is None:
            return None
        if not latest.completed_at:
            chapter = next(c for c in self.chapters if c.pk == latest.chapter_id)
            anchor = f"#exercise-{latest.last_exercise}" if latest.last_exercise else ""
            return chapter, chapter.get_absolute_url() + anchor
        position = next(i for i, c in enumerate(self.chapters) if c.pk == latest.chapter_id)
        for chapter in self.chapters[position + 1 :] + self.chapters[:position]:
            progress = self.progress.get(chapter.pk)
            if not (progress and progress.completed_at):
                return chapter, chapter.get_absolute_url()
        return None


class Chapter(models.Model):
    """One chapter of the guide. Its HTML is rendered on save, never per request."""

    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    short_title = models.CharField(max_length=80)
    summary = models.TextField()
    key_ideas = models.JSONField(default=list, blank=True)
    closing = models.TextField(blank=True)
    body = models.TextField(
        help_text="Markdown. Exercises appear where [[exercise:key]] lines are."
    )
    body_html = models.TextField(editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    edited_in_admin = models.BooleanField(
        default=False,
        help_text="Set when staff edit this chapter; loading content then leaves it alone "
        "unless forced (manage.py load_guide --force).",
    )

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = markdown.render(self.body)
        self.reading_minutes = markdown.reading_minutes(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "reading_minutes"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guide:chapter", args=[self.slug])

    def sections(self) -> list[tuple[str, str]]:
        return markdown.split(self.body_html)


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def current(self) -> ExerciseQuerySet:
        return self.filter(retired=False)


def prompt_for_day(
    exercises: list[Exercise], user: User, day: datetime.date
) -> tuple[Exercise, str] | None:
    """One of the guide's questions or practices (from its current `exercises`) for this
    person's day: the same all day, another the next."""
    prompts = [
        (exercise, line)
        for exercise in exercises
        if exercise.kind != Kind.LOOKBACK
        for line in exercise.questions()
    ]
    if not prompts:
        return None
    return random.Random(f"{user.pk}:{day.isoformat()}").choice(prompts)  # noqa: S311


class Exercise(models.Model):
    """An exercise declared in a chapter's content file, known by its stable key."""

    chapter = models.ForeignKey(Chapter, on_delete=models.PROTECT, related_name="exercises")
    key = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    config = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    retired = models.BooleanField(
        default=False, help_text="No longer in the content files; kept so no answer is orphaned."
    )

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["chapter__order", "order"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.chapter.get_absolute_url()}#exercise-{self.key}"

    @property
    def kind_spec(self) -> ExerciseKind:
        return KINDS[self.kind]

    def items(self, name: str) -> list[dict[str, str]]:
        return list(self.config.get(name, []))

    def clean(self) -> None:
        """The config must declare what this kind of exercise shows (checked in the admin)."""
        if not isinstance(self.config, dict):
            raise ValidationError({"config": "The config must be a JSON object."})
        if problem := self.kind_spec.check_config(self):
            raise ValidationError({"config": problem})

    def check_answer(self, answer: Any) -> None:
        """Raise ValueError unless `answer` is shaped like an answer to this exercise."""
        self.kind_spec.check(answer)

    def is_empty(self, answer: dict[str, Any]) -> bool:
        return self.kind_spec.is_empty(answer)

    def describe(self, answer: dict[str, Any]) -> list[tuple[str, str]]:
        """An answer as (label, text) pairs, for history, look-back and Markdown export."""
        return self.kind_spec.describe(self, answer)

    def prompt_lines(self) -> list[str]:
        """What to write about, when the journal is opened from this exercise."""
        if prompt := self.config.get("journal_prompt"):
            return [prompt]
        return [item.text for item in self.kind_spec.preview(self)]

    def questions(self) -> list[str]:
        """What this exercise asks that stands on its own as something to write about: its
        journal prompt, else those of its lines that are questions (not field labels)."""
        return [
            line
            for line in self.prompt_lines()
            if "journal_prompt" in self.config or line.endswith("?")
        ]


class ResponseQuerySet(models.QuerySet["Response"]):
    def versions(self) -> ResponseQuerySet:
        """The answer's versions, without the texts set aside in conflicts."""
        return self.filter(aside=False)

    def latest_for(self, user: User, exercise: Exercise, lock: bool = False) -> Response | None:
        rows = user.guide_responses.filter(exercise=exercise, aside=False)
        latest = (rows.select_for_update() if lock else rows).order_by("-version").first()
        if latest is not None:
            latest.exercise = exercise
        return latest

    def record(
        self,
        user: User,
        exercise: Exercise,
        answer: dict[str, Any],
        today: datetime.date,
        stamp: tuple[int, str],
        again: bool = False,
        resolving: Response | None = None,
    ) -> Response:
        """Save an answer from a page that started from save counter `stamp[0]` and has
        editor id `stamp[1]`: the same day updates the current version; a later day, or
        answering again, starts a new version and keeps the earlier ones.

        Raises NothingYet for an empty first answer, and Stale, with the answer kept
        aside, when another page saved first.
        `resolving` is the text kept aside by such a conflict, when this save settles
        it: whatever this save replaces is then kept aside in its turn."""
        try:
            saved, aside = self._record_once(user, exercise, answer, today, stamp, again, resolving)
        except IntegrityError:
            # Two saves raced to create the same version: the second one sees the first.
            saved, aside = self._record_once(user, exercise, answer, today, stamp, False, resolving)
        if aside is not None:
            raise Stale(saved, aside)
        return saved

    @transaction.atomic
    def _record_once(
        self,
        user: User,
        exercise: Exercise,
        answer: dict[str, Any],
        today: datetime.date,
        stamp: tuple[int, str],
        again: bool,
        resolving: Response | None,
    ) -> tuple[Response, Response | None]:
        base, editor = stamp
        kind = exercise.kind_spec
        latest = self.latest_for(user, exercise, lock=True)
        if latest is None and kind.is_empty(answer):
            raise NothingYet
        if latest is not None and latest.answer != answer and latest.is_stale(base, editor):
            aside = self._set_aside(
                user, exercise, latest.version, latest.save_count, answer, today, editor
            )
            return latest, aside
        # An empty latest version (a fresh "answer again") is filled, whatever its day.
        starts_new = latest is None or (
            latest.answered_on != today
            and latest.answer != answer
            and not kind.is_empty(latest.answer)
        )
        if starts_new:
            latest = self._new_version(user, exercise, latest, answer, today, editor)
        elif latest.answer != answer:
            replaced, replaced_by = latest.answer, latest.editor
            latest.answer = answer
            latest.answered_on = today
            latest.stamp_write(editor)
            latest.save(
                update_fields=[
                    "private",
                    "in_clear",
                    "answered_on",
                    "save_count",
                    "editor",
                    "updated_at",
                ]
            )
            if resolving is not None:
                self._keep_replaced(resolving, latest, replaced, replaced_by, today)
        if again and not kind.is_empty(latest.answer):
            # Only after something was written: pressing it twice adds no empty versions.
            latest = self._new_version(user, exercise, latest, {}, today, editor)
        return latest, None

    def _new_version(
        self,
        user: User,
        exercise: Exercise,
        latest: Response | None,
        answer: dict[str, Any],
        today: datetime.date,
        editor: str,
    ) -> Response:
        response = Response(
            user=user,
            exercise=exercise,
            version=latest.version + 1 if latest else 1,
            answered_on=today,
            answer=answer,
            # The counter belongs to the answer, not the version: it carries on.
            save_count=latest.save_count if latest else 0,
        )
        response.stamp_write(editor)
        response.save()
        return response

    def _set_aside(
        self,
        user: User,
        exercise: Exercise,
        version: int,
        against: int,
        answer: dict[str, Any],
        today: datetime.date,
        editor: str,
        once_per_page: bool = True,
    ) -> Response:
        """Keep an answer aside, against the current text at save counter `against` (which
        the row keeps). A stale page's retries update its one row for this conflict; a
        later conflict of the same page, once the answer has been written again, keeps
        a new row, so the text set aside the first time stays."""
        aside = (
            once_per_page
            and user.guide_responses.filter(
                exercise=exercise,
                version=version,
                aside=True,
                editor=editor,
                save_count=against,
            ).first()
        )
        aside = aside or Response(
            user=user,
            exercise=exercise,
            version=version,
            aside=True,
            editor=editor,
            save_count=against,
        )
        aside.exercise = exercise
        aside.answer = answer
        aside.answered_on = today
        aside.save()
        return aside

    def _keep_replaced(
        self,
        resolving: Response,
        latest: Response,
        replaced: dict[str, Any],
        replaced_by: str,
        today: datetime.date,
    ) -> None:
        """Settling a conflict replaced the current answer: keep what it replaced aside.
        When this page kept its own text, the two simply change places."""
        if resolving.answer == latest.answer:
            resolving.answer = replaced
            resolving.editor = replaced_by
            resolving.save(update_fields=["private", "in_clear", "editor", "updated_at"])
        else:
            self._set_aside(
                latest.user,
                latest.exercise,
                latest.version,
                latest.save_count - 1,  # what was replaced was current before this write
                replaced,
                today,
                replaced_by,
                once_per_page=False,
            )


class Response(Versioned):
    """One version of a person's answer to an exercise, or (`aside`) the text of a page
    that saved after another had, kept until the person chooses."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_responses"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="responses")
    version = models.PositiveIntegerField()
    answered_on = models.DateField()
    private = SealedField(codec="json", owner="user")
    in_clear = models.JSONField(
        default=dict, blank=True, help_text="Feeling codes and intensities, for charts."
    )
    aside = models.BooleanField(
        default=False, help_text="Saved from another tab or device after this version changed."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "version"],
                condition=models.Q(aside=False),
                name="healing_response_unique_version",
            ),
        ]

    def __str__(self) -> str:
        # Never decrypts: the admin's history stores this.
        return f"Answer {self.code} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("guide:answer", args=[self.code])

    @property
    def answer(self) -> dict[str, Any]:
        """The whole answer: its sealed part and the part kept in clear."""
        return {**self.private, **self.in_clear}

    @answer.setter
    def answer(self, value: dict[str, Any]) -> None:
        self.private = {key: item for key, item in value.items() if key not in CLEAR_KEYS}
        self.in_clear = {key: item for key, item in value.items() if key in CLEAR_KEYS}

    def describe(self) -> list[tuple[str, str]]:
        return self.exercise.describe(self.answer)

    def listed(self) -> list[str]:
        """The items of a list answer, in order (empty for other kinds)."""
        return self.exercise.kind_spec.listed(self.answer)


# How long a chapter stays "just read": reloading it within this time writes nothing.
READ_AGAIN_AFTER = datetime.timedelta(minutes=1)


class ProgressQuerySet(models.QuerySet["Progress"]):
    def mark_read(
        self, user: User, chapter: Chapter, exercise_key: str = "", exists: bool = True
    ) -> None:
        """Bookkeeping for "continue where you left off"; safe on a GET. Pass
        exists=False when the caller already knows there is no row yet."""
        now = timezone.now()
        fields: dict[str, Any] = {"last_read_at": now}
        if exercise_key:
            fields["last_exercise"] = exercise_key
        if exists and self.filter(user=user, chapter=chapter).update(**fields):
            return
        # One statement, no savepoint; a row created meanwhile by another request wins.
        self.bulk_create(
            [Progress(user=user, chapter=chapter, started_at=now, **fields)], ignore_conflicts=True
        )

    def mark_opened(self, user: User, chapter: Chapter, rows: dict[int, Progress]) -> None:
        """A chapter page was opened; `rows` are the person's progress, by chapter. A
        reload of the chapter they were reading a moment ago writes nothing: it is
        already the last one read, so "continue where you left off" stays the same."""
        mine = rows.get(chapter.pk)
        if (
            mine is not None
            and timezone.now() - mine.last_read_at < READ_AGAIN_AFTER
            and mine.last_read_at >= max(row.last_read_at for row in rows.values())
        ):
            return
        self.mark_read(user, chapter, exists=mine is not None)

    def mark_complete(self, user: User, chapter: Chapter, complete: bool) -> None:
        self.mark_read(user, chapter)
        self.filter(user=user, chapter=chapter).update(
            completed_at=timezone.now() if complete else None
        )


class Progress(models.Model):
    """How far a person has come with one chapter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_progress"
    )
    chapter = models.ForeignKey(Chapter, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_exercise = models.SlugField(max_length=80, blank=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "chapter"], name="healing_progress_unique"),
        ]

    def __str__(self) -> str:
        return f"Progress {self.pk}"

    @property
    def status(self) -> str:
        return "complete" if self.completed_at else "in progress"


class PracticeTickQuerySet(models.QuerySet["PracticeTick"]):
    def change(
        self,
        user: User,
        exercise: Exercise,
        ticked: set[tuple[str, datetime.date]],
        unticked: set[tuple[str, datetime.date]],
    ) -> None:
        """Tick and untick just these (practice, day) pairs; every other day is left alone."""
        with transaction.atomic():
            for practice, day in unticked:
                user.guide_ticks.filter(exercise=exercise, practice=practice, day=day).delete()
            self.bulk_create(
                [PracticeTick(user=user, exercise=exercise, practice=p, day=d) for p, d in ticked],
                ignore_conflicts=True,  # two tabs ticking at once must not collide
            )


class PracticeTick(models.Model):
    """A day a person did one of a practice plan's practices. Dates are stored in clear."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_ticks"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    practice = models.SlugField(max_length=80)
    day = models.DateField()

    objects = PracticeTickQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "practice", "day"], name="healing_tick_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Tick {self.pk}"

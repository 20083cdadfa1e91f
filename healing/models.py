from __future__ import annotations

import datetime
import json
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import crypto
from healing import markdown
from healing.feelings import BY_CODE, INTENSITIES

if TYPE_CHECKING:
    from accounts.models import User

MAX_ANSWER_LENGTH = 20_000


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_blank(item) for item in value.values())
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    return not value


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


class Kind(models.TextChoices):
    REFLECTION = "reflection", "Reflection"
    CHECKLIST = "checklist", "Checklist with a note"
    FEELINGS = "feelings", "Feelings check-in"
    PRACTICE_PLAN = "practice_plan", "Practice plan"
    LIST_BUILDER = "list_builder", "List builder"
    WORKSHEET = "worksheet", "Worksheet"
    LOOKBACK = "lookback", "Look-back"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    FEW_TIMES_A_WEEK = "few-times-a-week", "A few times a week"
    WEEKLY = "weekly", "Weekly"


def _texts(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _levels(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value.values()
    )


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# What an answer of each kind holds: the keys and a check for each value.
ANSWER_SHAPES: dict[str, dict[str, Any]] = {
    Kind.REFLECTION: {"prompts": _texts},
    Kind.LOOKBACK: {"prompts": _texts},
    Kind.WORKSHEET: {"fields": _texts},
    Kind.CHECKLIST: {"options": _text_list, "note": lambda v: isinstance(v, str)},
    Kind.FEELINGS: {"feelings": _levels, "note": lambda v: isinstance(v, str)},
    Kind.PRACTICE_PLAN: {"practices": _texts},
    Kind.LIST_BUILDER: {"items": _text_list},
}

# The list each kind's config must declare, and the keys every item of it needs.
CONFIG_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    Kind.REFLECTION: ("prompts", ("id", "text")),
    Kind.LOOKBACK: ("prompts", ("id", "text")),
    Kind.WORKSHEET: ("fields", ("id", "label")),
    Kind.CHECKLIST: ("options", ("id", "label")),
    Kind.PRACTICE_PLAN: ("practices", ("id", "name")),
}


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def current(self) -> ExerciseQuerySet:
        return self.filter(retired=False)


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

    def items(self, name: str) -> list[dict[str, str]]:
        return list(self.config.get(name, []))

    def clean(self) -> None:
        """The config must declare what this kind of exercise shows (checked in the admin)."""
        if not isinstance(self.config, dict):
            raise ValidationError({"config": "The config must be a JSON object."})
        if self.kind not in CONFIG_LISTS:
            return
        name, keys = CONFIG_LISTS[self.kind]
        listed = self.config.get(name)
        if not listed or not isinstance(listed, list):
            raise ValidationError({"config": f"A {self.get_kind_display()} needs a list “{name}”."})
        for item in listed:
            if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in keys):
                raise ValidationError(
                    {"config": f"Every item of “{name}” needs {' and '.join(keys)} as text."}
                )

    def check_answer(self, answer: Any) -> None:
        """Raise ValueError unless `answer` is shaped like an answer to this exercise."""
        shape = ANSWER_SHAPES[self.kind]
        if (
            not isinstance(answer, dict)
            or set(answer) - set(shape)
            or not all(check(answer[key]) for key, check in shape.items() if key in answer)
        ):
            raise ValueError(f"an answer to {self.key} is not shaped like one")

    def is_empty(self, answer: dict[str, Any]) -> bool:
        return _blank(answer)

    def describe(self, answer: dict[str, Any]) -> list[tuple[str, str]]:
        """An answer as (label, text) pairs, for history, look-back and Markdown export."""
        if self.kind in (Kind.REFLECTION, Kind.LOOKBACK):
            texts = answer.get("prompts", {})
            return [
                (p["text"], texts[p["id"]]) for p in self.items("prompts") if texts.get(p["id"])
            ]
        if self.kind == Kind.WORKSHEET:
            texts = answer.get("fields", {})
            return [
                (f["label"], texts[f["id"]]) for f in self.items("fields") if texts.get(f["id"])
            ]
        if self.kind == Kind.CHECKLIST:
            chosen = answer.get("options", [])
            labels = [o["label"] for o in self.items("options") if o["id"] in chosen]
            pairs = [("I recognise", ", ".join(labels))] if labels else []
            return pairs + ([("Note", answer["note"])] if answer.get("note") else [])
        if self.kind == Kind.FEELINGS:
            felt = answer.get("feelings", {})
            pairs = [
                (BY_CODE[code].name, INTENSITIES.get(level, ""))
                for code, level in felt.items()
                if code in BY_CODE
            ]
            return pairs + ([("Note", answer["note"])] if answer.get("note") else [])
        if self.kind == Kind.PRACTICE_PLAN:
            plan = answer.get("practices", {})
            return [
                (p["name"], Frequency(plan[p["id"]]).label)
                for p in self.items("practices")
                if plan.get(p["id"]) in Frequency.values
            ]
        if self.kind == Kind.LIST_BUILDER:
            return [(f"{n}.", item) for n, item in enumerate(answer.get("items", []), start=1)]
        return []


class ResponseQuerySet(models.QuerySet["Response"]):
    def latest_for(self, user: User, exercise: Exercise) -> Response | None:
        return self.filter(user=user, exercise=exercise).order_by("-version").first()

    @transaction.atomic
    def _record_once(
        self,
        user: User,
        exercise: Exercise,
        answer: dict[str, Any],
        today: datetime.date,
        again: bool,
    ) -> Response:
        latest = self.latest_for(user, exercise)
        # An empty latest version (a fresh "answer again") is filled, whatever its day.
        starts_new = latest is None or (
            latest.answered_on != today
            and latest.read() != answer
            and not exercise.is_empty(latest.read())
        )
        if starts_new:
            latest = self._new_version(user, exercise, latest, answer, today)
        elif latest.read() != answer:
            latest.write(answer)
            latest.answered_on = today
            latest.save(update_fields=["answer_token", "answered_on", "updated_at"])
        if again and not exercise.is_empty(latest.read()):
            # Only after something was written: pressing it twice adds no empty versions.
            latest = self._new_version(user, exercise, latest, {}, today)
        return latest

    def _new_version(
        self,
        user: User,
        exercise: Exercise,
        latest: Response | None,
        answer: dict[str, Any],
        today: datetime.date,
    ) -> Response:
        response = Response(
            user=user,
            exercise=exercise,
            version=latest.version + 1 if latest else 1,
            answered_on=today,
        )
        response.write(answer)
        response.save()
        return response

    def record(
        self,
        user: User,
        exercise: Exercise,
        answer: dict[str, Any],
        today: datetime.date,
        again: bool = False,
    ) -> Response:
        """Save an answer: the same day updates the current version; a later day, or
        answering again, starts a new version and keeps the earlier ones."""
        try:
            return self._record_once(user, exercise, answer, today, again)
        except IntegrityError:
            # Two saves raced to create the same version: the second updates it.
            return self._record_once(user, exercise, answer, today, again=False)


class Response(models.Model):
    """One version of a person's answer to an exercise. The answer is encrypted JSON."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_responses"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="responses")
    version = models.PositiveIntegerField()
    answered_on = models.DateField()
    answer_token = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise", "version"], name="healing_response_unique_version"
            ),
        ]

    def __str__(self) -> str:
        # Never decrypts: the admin's history stores this.
        return f"Answer {self.code} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("guide:answer", args=[self.code])

    def write(self, answer: dict[str, Any]) -> None:
        self.answer_token = crypto.encrypt(self.user, json.dumps(answer, ensure_ascii=False))

    def read(self) -> dict[str, Any]:
        cached = getattr(self, "_answer", None)
        if cached is None:
            cached = self._answer = json.loads(crypto.decrypt(self.user, self.answer_token))
        return cached

    def describe(self) -> list[tuple[str, str]]:
        return self.exercise.describe(self.read())


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
    def set_days(
        self,
        user: User,
        exercise: Exercise,
        practices: list[str],
        days: list[datetime.date],
        ticked: set[tuple[str, datetime.date]],
    ) -> None:
        """Make the ticks of `practices` within `days` exactly `ticked`.

        Other days, and practices no longer in the plan, are left alone."""
        with transaction.atomic():
            user.guide_ticks.filter(
                exercise=exercise, practice__in=practices, day__in=days
            ).delete()
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

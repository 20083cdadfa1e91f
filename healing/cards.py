"""What the chapter page shows for each exercise: the exercise, the reader's versions,
their form, and for some kinds a little more (practice days, the look-back summary).

Everything is gathered from rows the view has already fetched, so a chapter page
costs the same few queries however many answers a person has.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from healing.feelings import FEELINGS, Feeling
from healing.forms import AnswerForm
from healing.models import Chapter, Exercise, Kind, PracticeTick, Response

if TYPE_CHECKING:
    from accounts.models import User

TICK_DAYS = 14


def local_now(user: User) -> datetime.datetime:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localtime(timezone.now(), zone)


def today_for(user: User) -> datetime.date:
    return local_now(user).date()


def tick_days(today: datetime.date) -> list[datetime.date]:
    """The days a practice plan shows, oldest first, ending today."""
    return [today - datetime.timedelta(days=n) for n in range(TICK_DAYS - 1, -1, -1)]


def recent_ticks(user: User) -> QuerySet[PracticeTick]:
    return user.guide_ticks.filter(day__in=tick_days(today_for(user)))


def saved_words(user: User, response: Response | None) -> str:
    if response is None:
        return "Not saved yet"
    now = local_now(user)
    when = timezone.localtime(response.updated_at, now.tzinfo)
    if when.date() == now.date():
        return f"Saved {when:%H:%M}"
    return f"Saved on {date_format(when.date(), 'j F Y')}"


@dataclass
class TickRow:
    practice: str
    name: str
    days: list[tuple[datetime.date, bool]]


@dataclass
class Card:
    exercise: Exercise
    chapter: Chapter
    versions: list[Response] = field(default_factory=list)
    form: AnswerForm | None = None
    status: str = ""
    days: list[datetime.date] = field(default_factory=list)
    tick_rows: list[TickRow] = field(default_factory=list)
    summary: list[tuple[Chapter, list[tuple[Exercise, Response]]]] = field(default_factory=list)

    @property
    def latest(self) -> Response | None:
        return self.versions[-1] if self.versions else None

    @property
    def earlier(self) -> list[Response]:
        return list(reversed(self.versions[:-1]))

    @property
    def anchor(self) -> str:
        return f"exercise-{self.exercise.key}"

    @property
    def signup_url(self) -> str:
        return (
            f"{reverse('account_signup')}?{urlencode({'next': self.exercise.get_absolute_url()})}"
        )

    @property
    def login_url(self) -> str:
        return f"{reverse('account_login')}?{urlencode({'next': self.exercise.get_absolute_url()})}"

    @property
    def save_url(self) -> str:
        return reverse("guide:exercise-save", args=[self.exercise.key])

    @property
    def items(self) -> list[str]:
        """The list builder's items: as posted when the form is bound, else as saved."""
        if self.form is not None and self.form.is_bound:
            if self.form.is_valid():
                return self.form.items
            return self.form.data.getlist(self.form.add_prefix("item"))
        return self.latest.read().get("items", []) if self.latest else []

    @property
    def feelings(self) -> tuple[Feeling, ...]:
        return FEELINGS

    @property
    def can_answer_again(self) -> bool:
        # Plans and lists are living things, edited in place; text answers can be revisited.
        living = (Kind.PRACTICE_PLAN, Kind.LIST_BUILDER)
        return self.exercise.kind not in living and self.latest is not None


def form_for(exercise: Exercise, latest: Response | None) -> AnswerForm:
    return AnswerForm(exercise, initial=initial_from(exercise, latest.read() if latest else {}))


def initial_from(exercise: Exercise, answer: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name, value in answer.get("prompts", {}).items():
        initial[f"prompt-{name}"] = value
    for name, value in answer.get("fields", {}).items():
        initial[f"field-{name}"] = value
    for name, value in answer.get("feelings", {}).items():
        initial[f"feeling-{name}"] = str(value)
    for name, value in answer.get("practices", {}).items():
        initial[f"practice-{name}"] = value
    initial["options"] = answer.get("options", [])
    initial["note"] = answer.get("note", "")
    return initial


def build_cards(
    user: User | None,
    chapter: Chapter,
    exercises: Iterable[Exercise],
    responses: Iterable[Response] = (),
    ticks: Iterable[PracticeTick] = (),
    bound: AnswerForm | None = None,
) -> list[Card]:
    """Cards for the chapter's exercises; `exercises` and `responses` may span the guide."""
    exercises = list(exercises)
    by_exercise = group_versions(exercises, responses)
    cards = []
    for exercise in exercises:
        if exercise.chapter_id != chapter.pk:
            continue
        card = Card(exercise=exercise, chapter=chapter, versions=by_exercise[exercise.pk])
        if user is not None:
            card.status = saved_words(user, card.latest)
            card.form = bound if bound and bound.exercise.pk == exercise.pk else None
            card.form = card.form or form_for(exercise, card.latest)
            if exercise.kind == Kind.PRACTICE_PLAN:
                fill_ticks(card, user, ticks)
            if exercise.kind == Kind.LOOKBACK:
                card.summary = summary(exercises, by_exercise)
        cards.append(card)
    return cards


def group_versions(
    exercises: list[Exercise], responses: Iterable[Response]
) -> dict[int, list[Response]]:
    known = {exercise.pk: exercise for exercise in exercises}
    by_exercise: dict[int, list[Response]] = defaultdict(list)
    for response in sorted(responses, key=lambda r: r.version):
        if response.exercise_id in known:
            response.exercise = known[response.exercise_id]  # no query per answer
            by_exercise[response.exercise_id].append(response)
    return by_exercise


def summary_for(user: User) -> list[tuple[Chapter, list[tuple[Exercise, Response]]]]:
    exercises = list(Exercise.objects.current().select_related("chapter"))
    return summary(exercises, group_versions(exercises, user.guide_responses.all()))


def fill_ticks(card: Card, user: User, ticks: Iterable[PracticeTick]) -> None:
    card.days = tick_days(today_for(user))[::-1]  # today first: on a phone it is what shows
    done = {(t.practice, t.day) for t in ticks if t.exercise_id == card.exercise.pk}
    chosen = card.latest.read().get("practices", {}) if card.latest else {}
    card.tick_rows = [
        TickRow(p["id"], p["name"], [(day, (p["id"], day) in done) for day in card.days])
        for p in card.exercise.items("practices")
        if p["id"] in chosen
    ]


def written(versions: list[Response]) -> list[Response]:
    """The versions with something in them (an "answer again" not yet written is not one)."""
    return [version for version in versions if not version.exercise.is_empty(version.read())]


def summary(
    exercises: list[Exercise], by_exercise: dict[int, list[Response]]
) -> list[tuple[Chapter, list[tuple[Exercise, Response]]]]:
    grouped: dict[int, tuple[Chapter, list[tuple[Exercise, Response]]]] = {}
    for exercise in exercises:
        versions = written(by_exercise.get(exercise.pk, []))
        if exercise.kind == Kind.LOOKBACK or not versions:
            continue
        grouped.setdefault(exercise.chapter_id, (exercise.chapter, []))[1].append(
            (exercise, versions[-1])
        )
    return list(grouped.values())

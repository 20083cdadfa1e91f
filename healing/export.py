"""The guide's part of a person's export, import and account deletion."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils.dateparse import parse_datetime

from accounts import portability
from healing.models import Chapter, Exercise, PracticeTick, Progress, Response

if TYPE_CHECKING:
    from accounts.models import User


def _when(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict[str, Any]:
    responses = user.guide_responses.select_related("exercise").order_by("exercise__key", "version")
    progress = user.guide_progress.select_related("chapter").order_by("chapter__order")
    ticks = user.guide_ticks.select_related("exercise").order_by("exercise__key", "practice", "day")
    return {
        "responses": [
            {
                "code": str(response.code),
                "exercise": response.exercise.key,
                "version": response.version,
                "answered_on": response.answered_on.isoformat(),
                "created_at": _when(response.created_at),
                "updated_at": _when(response.updated_at),
                "aside": response.aside,
                "answer": response.answer,
            }
            for response in responses
        ],
        "progress": [
            {
                "chapter": row.chapter.slug,
                "started_at": _when(row.started_at),
                "last_read_at": _when(row.last_read_at),
                "completed_at": _when(row.completed_at),
                "last_exercise": row.last_exercise,
            }
            for row in progress
        ],
        "practice_ticks": [
            {"exercise": tick.exercise.key, "practice": tick.practice, "day": tick.day.isoformat()}
            for tick in ticks
        ],
    }


def _exercise(exercises: dict[str, Exercise], key: str) -> Exercise:
    if key not in exercises:
        raise ValueError(f"unknown exercise {key!r}")
    return exercises[key]


def _moment(value: Any) -> datetime.datetime:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        raise ValueError(f"{value!r} is not a date and time")
    return moment


def _version(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value < 2**31:
        raise ValueError(f"{value!r} is not a version number")
    return value


def restore(user: User, data: dict[str, Any]) -> dict[str, int]:
    exercises = {exercise.key: exercise for exercise in Exercise.objects.all()}
    chapters = {chapter.slug: chapter for chapter in Chapter.objects.all()}
    counts = {"responses": 0, "responses_over_the_limits": 0, "progress": 0, "practice_ticks": 0}
    for item in data.get("responses", []):
        exercise = _exercise(exercises, item["exercise"])
        code = portability.own_code(user, Response, item["code"])
        version = _version(item["version"])
        exercise.check_answer(item["answer"])
        if user.guide_responses.filter(code=code).exists():
            continue
        if exercise.kind_spec.over_the_limits(item["answer"]):
            counts["responses_over_the_limits"] += 1
            continue
        if user.guide_responses.filter(exercise=exercise, version=version).exists():
            continue
        response = Response(
            code=code,
            user=user,
            exercise=exercise,
            version=version,
            answered_on=datetime.date.fromisoformat(item["answered_on"]),
            created_at=_moment(item["created_at"]),
        )
        response.answer = item["answer"]
        response.save()
        # auto_now would stamp the import time; keep the exported one.
        Response.objects.filter(pk=response.pk).update(updated_at=_moment(item["updated_at"]))
        counts["responses"] += 1
    for item in data.get("progress", []):
        chapter = chapters.get(item["chapter"])
        if chapter is None:
            raise ValueError(f"unknown chapter {item['chapter']!r}")
        _, created = Progress.objects.get_or_create(
            user=user,
            chapter=chapter,
            defaults={
                "started_at": _moment(item["started_at"]),
                "last_read_at": _moment(item["last_read_at"]),
                "completed_at": item["completed_at"] and _moment(item["completed_at"]),
                "last_exercise": item.get("last_exercise", ""),
            },
        )
        counts["progress"] += created
    for item in data.get("practice_ticks", []):
        exercise = _exercise(exercises, item["exercise"])
        if item["practice"] not in {p["id"] for p in exercise.items("practices")}:
            continue  # a practice since removed from the guide: nothing to attach it to
        _, created = PracticeTick.objects.get_or_create(
            user=user,
            exercise=exercise,
            practice=item["practice"],
            day=datetime.date.fromisoformat(item["day"]),
        )
        counts["practice_ticks"] += created
    return counts


def markdown(user: User) -> dict[str, str]:
    """One readable file per chapter that holds answers, every version with its date."""
    responses = user.guide_responses.select_related("exercise__chapter").order_by(
        "exercise__chapter__order", "exercise__order", "version"
    )
    files: dict[str, list[str]] = {}
    for response in responses:
        chapter = response.exercise.chapter
        lines = files.setdefault(f"{chapter.order:02d}-{chapter.slug}.md", [f"# {chapter.title}\n"])
        lines.append(
            f"## {response.exercise.title} — version {response.version}, "
            f"{response.answered_on.isoformat()}\n"
        )
        if items := response.listed():
            lines.append("\n".join(_list_item(n, item) for n, item in enumerate(items, 1)) + "\n")
        else:
            lines += [f"**{label}**\n\n{text}\n" for label, text in response.describe()]
    ticks = user.guide_ticks.select_related("exercise").order_by("exercise__key", "day")
    if ticks:
        lines = ["# Practice days\n"] + [
            f"- {tick.day.isoformat()}: {_practice_name(tick)}" for tick in ticks
        ]
        files["practice-days.md"] = lines
    return {name: "\n".join(lines) + "\n" for name, lines in files.items()}


def _list_item(number: int, text: str) -> str:
    """One item of a Markdown numbered list; its later lines indented to stay inside it."""
    marker = f"{number}. "
    first, *rest = text.split("\n")
    return "\n".join([marker + first] + [" " * len(marker) + line if line else "" for line in rest])


def _practice_name(tick: PracticeTick) -> str:
    names = {p["id"]: p["name"] for p in tick.exercise.items("practices")}
    return names.get(tick.practice, tick.practice)


def register() -> None:
    portability.register(
        portability.Part(
            name="guide",
            models={
                "healing.Response": "user",
                "healing.Progress": "user",
                "healing.PracticeTick": "user",
            },
            export=export,
            restore=restore,
            markdown=markdown,
        )
    )

from __future__ import annotations

import datetime
from typing import Any

import factory

from healing.models import Exercise, PracticeTick, Progress, Response

SAMPLE_ANSWERS: dict[str, dict[str, Any]] = {
    "reflection": {"prompts": {"open-again": "Maybe, slowly."}},
    "checklist": {"options": ["childhood-neglect"], "note": "It started early."},
    "feelings": {"feelings": {"sadness": 3, "hope": 1}, "note": ""},
    "practice_plan": {"practices": {"seek-support": "weekly"}},
    "list_builder": {"items": ["Ana", "My sister"]},
    "worksheet": {"fields": {"old-story": "People leave.", "new-story": "Some stay."}},
    "lookback": {"prompts": {"what-i-have-learned": "I am allowed to go slowly."}},
}


def sample_answer(exercise: Exercise) -> dict[str, Any]:
    answer = SAMPLE_ANSWERS[exercise.kind]
    if exercise.kind == "reflection":
        first = exercise.config["prompts"][0]["id"]
        return {"prompts": {first: "A first, honest answer."}}
    return answer


class ResponseFactory(factory.django.DjangoModelFactory):
    """An answer to an exercise loaded from the content files (by key)."""

    class Meta:
        model = Response

    exercise = factory.LazyFunction(lambda: Exercise.objects.get(key="roots-silent-question"))
    version = 1
    answered_on = factory.LazyFunction(datetime.date.today)
    answer = factory.LazyAttribute(lambda o: sample_answer(o.exercise))


class ProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Progress


class PracticeTickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeTick

    exercise = factory.LazyFunction(lambda: Exercise.objects.get(key="toll-honor-your-emotions"))
    practice = "seek-support"
    day = factory.LazyFunction(datetime.date.today)


def exercise(key: str) -> Exercise:
    return Exercise.objects.select_related("chapter").get(key=key)

"""The reminder controls under an exercise on a chapter page. The guide knows nothing
of reminders: its card template loads this tag, which asks for the reader's
reminders once per page however many exercises it shows."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from reminders.forms import MomentsForm, RevisitForm
from reminders.models import Kind, Reminder

register = template.Library()


def _readers_reminders(request: HttpRequest) -> dict[tuple[str, int | None], Reminder]:
    if not hasattr(request, "_exercise_reminders"):
        request._exercise_reminders = {
            (r.kind, r.exercise_id): r for r in request.user.reminders.exclude(exercise=None)
        }
    return request._exercise_reminders


@register.inclusion_tag("reminders/exercise_controls.html", takes_context=True)
def reminder_controls(context: template.Context, card: Any) -> dict[str, Any]:
    request = context["request"]
    mine = _readers_reminders(request)
    exercise = card.exercise
    shown: dict[str, Any] = {
        "card": card,
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
    }
    if exercise.config.get("reminder") == "moments":
        shown["moments"] = MomentsForm(reminder=mine.get((Kind.HONESTY, exercise.pk)))
    if card.latest is not None and not exercise.is_empty(card.latest.answer):
        revisit = mine.get((Kind.REVISIT, exercise.pk))
        if revisit is not None and revisit.active and revisit.on >= request.user.today():
            shown["revisit"] = revisit
        else:
            shown["revisit_form"] = RevisitForm(auto_id=f"{card.anchor}-%s")
    return shown

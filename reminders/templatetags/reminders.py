"""The reminder controls under an exercise on a chapter page. The guide knows nothing
of reminders: its card template loads this tag, which asks for the reader's
reminders once per page however many exercises it shows.

Most cards show only the form to be reminded to come back, the same for every reader
of the exercise but for the CSRF token: it is drawn once per guide version and kept
with the guide (guide_cache), its token filled for each page. The template is drawn
only for what is the reader's own (a plan of moments, a reminder to cancel)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.template import loader
from django.utils.safestring import SafeString, mark_safe

from healing.guide_cache import TOKEN_SLOT, fill_token
from healing.models import Exercise
from reminders.forms import MomentsForm, RevisitForm
from reminders.models import Kind, Reminder

register = template.Library()

TEMPLATE = "reminders/exercise_controls.html"


def _readers_reminders(request: HttpRequest) -> dict[tuple[str, int | None], Reminder]:
    if not hasattr(request, "_exercise_reminders"):
        request._exercise_reminders = {
            (r.kind, r.exercise_id): r for r in request.user.reminders.exclude(exercise=None)
        }
    return request._exercise_reminders


def _revisit_form(exercise: Exercise) -> SafeString:
    form = RevisitForm(auto_id=f"exercise-{exercise.key}-%s")
    context = {"exercise": exercise, "revisit_form": form, "csrf_token": TOKEN_SLOT}
    return loader.render_to_string(f"{TEMPLATE}#revisit-form", context)


@register.simple_tag(takes_context=True)
def reminder_controls(context: template.Context, card: Any) -> SafeString:
    request = context["request"]
    mine = _readers_reminders(request)
    exercise = card.exercise
    shown: dict[str, Any] = {}
    if exercise.config.get("reminder") == "moments":
        shown["moments"] = MomentsForm(reminder=mine.get((Kind.HONESTY, exercise.pk)))
    if card.latest is not None and not exercise.is_empty(card.latest.answer):
        revisit = mine.get((Kind.REVISIT, exercise.pk))
        if revisit is not None and revisit.active and revisit.on >= request.user.today():
            shown["revisit"] = revisit
        else:
            kept = card.guide.get(f"revisit-form:{exercise.key}", lambda: _revisit_form(exercise))
            token = str(context["csrf_token"])
            shown["revisit_form"] = mark_safe(fill_token(kept, token))  # noqa: S308
    if list(shown) == ["revisit_form"]:
        return shown["revisit_form"]
    shown |= {"card": card, "user": request.user, "csrf_token": context["csrf_token"]}
    return mark_safe(loader.render_to_string(TEMPLATE, shown))  # noqa: S308 (a template's)

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import discreet
from accounts.models import User
from accounts.views import _posted  # a POST's data even when empty, so the form is bound
from healing.models import Exercise
from reminders.emails import read_unsubscribe_token
from reminders.forms import MomentsForm, NudgeForm, RevisitForm
from reminders.models import Kind, Reminder


def _planner() -> Exercise | None:
    """The worksheet whose moments can be planned (chapter 3's moments of honesty)."""
    return (
        Exercise.objects.current()
        .filter(config__reminder="moments")
        .select_related("chapter")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_settings(request: HttpRequest) -> HttpResponse:
    mine = {(r.kind, r.exercise_id): r for r in request.user.reminders.select_related("exercise")}
    planner = _planner()
    nudge = NudgeForm(_posted(request), reminder=mine.get((Kind.NUDGE, None)))
    moments = None
    if planner is not None:
        moments = MomentsForm(_posted(request), reminder=mine.get((Kind.HONESTY, planner.pk)))
    if request.method == "POST" and nudge.is_valid() and (moments is None or moments.is_valid()):
        Reminder.objects.set_nudge(request.user, **nudge.cleaned_data)
        if moments is not None:
            Reminder.objects.set_moments(request.user, planner, **moments.cleaned_data)
        messages.success(request, "Your reminders are saved.")
        return redirect("reminders:settings")
    today = request.user.today()
    revisits = sorted(
        (r for r in mine.values() if r.kind == Kind.REVISIT and r.active and r.on >= today),
        key=lambda r: r.on,
    )
    context = {"nudge": nudge, "moments": moments, "planner": planner, "revisits": revisits}
    status = 400 if nudge.errors or (moments and moments.errors) else 200
    return render(request, "reminders/settings.html", context, status=status)


@require_POST
@login_required
def plan_moments(request: HttpRequest, key: str) -> HttpResponse:
    exercise = get_object_or_404(
        Exercise.objects.current().select_related("chapter"), key=key, config__reminder="moments"
    )
    current = request.user.reminders.filter(kind=Kind.HONESTY, exercise=exercise).first()
    form = MomentsForm(request.POST, reminder=current)
    if not form.is_valid():
        context = {"form": form, "exercise": exercise}
        return render(request, "reminders/moments.html", context, status=400)
    Reminder.objects.set_moments(request.user, exercise, **form.cleaned_data)
    messages.success(request, "Your plan is saved.")
    return redirect(exercise.get_absolute_url())


@require_POST
@login_required
def revisit(request: HttpRequest, key: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise.objects.current().select_related("chapter"), key=key)
    form = RevisitForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "exercise": exercise}
        return render(request, "reminders/revisit.html", context, status=400)
    reminder = Reminder.objects.revisit(request.user, exercise, form.cleaned_data["weeks"])
    day = date_format(reminder.on, "l j F")
    messages.success(request, f"We will email you on {day} to come back to this.")
    return redirect(exercise.get_absolute_url())


@require_POST
@login_required
def cancel(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    reminder = get_object_or_404(request.user.reminders, code=code, kind=Kind.REVISIT)
    reminder.delete()
    messages.success(request, "That reminder is cancelled.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("reminders:settings")


# RFC 8058 one-click unsubscribe: a mail client POSTs "List-Unsubscribe=One-Click" here
# with no cookie and no CSRF token. The signed token in the URL is the authority, so
# this view is exempt from CSRF (the exception RFC 8058 and Django's CSRF docs allow
# for requests authorised by something other than a session). GET only shows the
# page; nothing changes until its button (or the mail client) POSTs.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_unsubscribe_token(token)
    person = found and User.objects.filter(pk=found[0], is_active=True).first()
    if not person or found[1] not in Kind.values:
        return render(request, "reminders/unsubscribe_invalid.html", status=400)
    kind = Kind(found[1])
    if request.method == "POST":
        Reminder.objects.stop(person, kind)
    context = {"kind": kind, "done": request.method == "POST"}
    if discreet.wanted_by(person):  # the tab names neither the site nor the page
        context["DISCREET_NAME"] = discreet.NAME
    return render(request, "reminders/unsubscribe.html", context)

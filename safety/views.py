from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from healing.helplines import COUNTRIES, ZONE_PREFIXES, ZONES, country_for_zone
from healing.writing import Conflict, ResolveForm, SaveStamp, Stale, new_editor_id
from safety.forms import PlanForm
from safety.models import PlanContent, PlanVersion, SafetyPlan
from safety.phones import tappable
from safety.steps import STEPS

TEMPLATE = "safety/plan.html"


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _post(request)
    if not request.user.is_authenticated:
        return render(request, TEMPLATE, {"form": PlanForm(), "visitor": True, **_choices()})
    saved = SafetyPlan.objects.filter(user=request.user).first()
    content = saved.content() if saved else _a_start(request.user.time_zone)
    form = PlanForm(initial=PlanForm.initial_from(content))
    return _editor(request, {"form": form, "plan": saved})


def _a_start(zone: str) -> PlanContent:
    """A new plan: the crisis lines of the country the time zone suggests, to edit."""
    country = country_for_zone(zone)
    lines = COUNTRIES[country].as_text() if country else ""
    return PlanContent(steps={"professionals": lines}, country=country)


def _choices() -> dict[str, Any]:
    """What the page's script needs to offer a country's lines and guess the country."""
    lines = {code: {"text": c.as_text(), "name": c.name} for code, c in COUNTRIES.items()}
    return {
        "countries": COUNTRIES.values(),
        "plan_choices": {"lines": lines, "zones": ZONES, "prefixes": ZONE_PREFIXES},
    }


@login_required
def _post(request: HttpRequest) -> HttpResponse:
    if "resolve" in request.POST:
        return _settle(request)
    adopting = request.POST.get("adopt") == "1"
    autosave = request.POST.get("autosave") == "1"
    form = PlanForm(request.POST)
    stamp = SaveStamp(request.POST)
    if form.is_valid() and not stamp.is_valid():
        form.add_error(None, "This page is out of date, so nothing was saved. Reload it.")
    if not form.is_valid():
        return _refused(request, form, stamp.editor_id(), autosave)
    keep_as = PlanVersion.Kind.REPLACED if adopting else None
    try:
        saved = SafetyPlan.objects.record(request.user, form.content(), stamp.stamp(), keep_as)
    except Stale as stale:
        return _conflicted(request, stale, stamp.stamp()[1])
    if autosave:
        return render(request, TEMPLATE + "#status", _status(request, saved))
    messages.success(request, "Your safety plan is saved.")
    if adopting and request.htmx:
        return HttpResponse(status=204)  # the page goes to the plan itself, to show this
    return redirect("safety:plan")


def _status(request: HttpRequest, saved: SafetyPlan) -> dict[str, Any]:
    when = saved.updated_at.astimezone(request.user.zone())
    return {"status": f"Saved {when:%H:%M}", "base": saved.save_count}


def _refused(request: HttpRequest, form: PlanForm, editor: str, autosave: bool) -> HttpResponse:
    if autosave:
        errors = " ".join(error for errs in form.errors.values() for error in errs)
        context = {"status": "Not saved — " + errors, "error": True}
        return render(request, TEMPLATE + "#status", context, status=400)
    saved = SafetyPlan.objects.filter(user=request.user).first()
    return _editor(request, {"form": form, "plan": saved, "editor": editor}, status=400)


def _conflicted(request: HttpRequest, stale: Stale, editor: str) -> HttpResponse:
    """409: both texts are kept; the person sees them side by side and chooses."""
    saved, aside = stale.current, stale.aside
    form = PlanForm(initial=PlanForm.initial_from(aside.content()))
    context = {"form": form, "plan": saved, "editor": editor, "conflict": Conflict(saved, aside)}
    return _editor(request, context, status=409)


def _settle(request: HttpRequest) -> HttpResponse:
    """The person chose how a conflict ends."""
    saved = get_object_or_404(SafetyPlan, user=request.user)
    choice = ResolveForm(request.POST)
    stamp = SaveStamp(request.POST)
    if not (choice.is_valid() and stamp.is_valid()):
        return render(request, "400.html", status=400)
    aside = get_object_or_404(
        saved.versions, code=choice.cleaned_data["resolve"], kind=PlanVersion.Kind.ASIDE
    )
    keep = choice.cleaned_data["keep"]
    merged = PlanForm(request.POST)
    if keep == "merged" and not merged.is_valid():
        context = {
            "form": merged,
            "plan": saved,
            "editor": stamp.stamp()[1],
            "conflict": Conflict(saved, aside),
        }
        return _editor(request, context, status=400)
    if keep != "theirs":
        content = aside.content() if keep == "mine" else merged.content()
        SafetyPlan.objects.record(request.user, content, stamp.stamp(), PlanVersion.Kind.EARLIER)
    return redirect("safety:plan")


def _editor(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    saved = context.get("plan")
    context.setdefault("editor", new_editor_id())
    context["base"] = saved.save_count if saved else 0
    context.update(_choices())
    template = TEMPLATE + "#editor" if request.htmx else TEMPLATE
    return render(request, template, context, status=status)


@require_safe
@never_cache
def signed_in(request: HttpRequest) -> JsonResponse:
    """For the page filled in before signing in: may it offer "Save to my account"?
    Asked without a word of the plan; the token lets the one save go through."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False})
    return JsonResponse({"signed_in": True, "csrf": get_token(request)})


@require_safe
@login_required
def print_view(request: HttpRequest) -> HttpResponse:
    saved = SafetyPlan.objects.filter(user=request.user).first()
    content = saved.content() if saved else PlanContent()
    return render(request, "safety/plan_print.html", _printable(content) | {"plan": saved})


def _printable(content: PlanContent) -> dict[str, Any]:
    rows = [(step, tappable(content.steps[step.key])) for step in STEPS]
    country = COUNTRIES.get(content.country)
    return {"rows": rows, "country": country}


@require_safe
@login_required
def versions(request: HttpRequest) -> HttpResponse:
    saved = SafetyPlan.objects.filter(user=request.user).first()
    earlier = saved.versions.all() if saved else []
    return render(request, "safety/versions.html", {"plan": saved, "versions": earlier})


@require_safe
@login_required
def version(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    shown = get_object_or_404(PlanVersion.objects.filter(user=request.user), code=code)
    context = _printable(shown.content()) | {"version": shown}
    return render(request, "safety/plan_print.html", context)


@require_POST
@login_required
def version_restore(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    plan = get_object_or_404(SafetyPlan, user=request.user)
    shown = get_object_or_404(plan.versions, code=code)
    plan.restore(shown, new_editor_id())
    messages.success(request, "Your plan is back to that version. What it said before is kept.")
    return redirect("safety:plan")


@require_safe
def pause(request: HttpRequest) -> HttpResponse:
    back = request.GET.get("back", "")
    safe = back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(request, "safety/pause.html", {"back": back if safe else ""})

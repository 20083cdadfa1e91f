from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from healing.models import Response
from healing.writing import (
    Conflict,
    NothingYet,
    ResolveForm,
    SaveStamp,
    Stale,
    new_editor_id,
    refused_status,
    saved_status,
)
from letters.forms import LetterForm
from letters.models import Draft, Letter

TEMPLATE = "letters/letter_form.html"
NOTHING_YET = "There is nothing to send yet. Write a few words first."
EMPTY = "This letter is empty, so it was not sealed. Write to your future self, or delete it."
ARRIVED = "This letter has arrived, so it stays as you wrote it."


@require_safe
@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    today = request.user.today()
    letters = request.user.letters.defer("body")
    context = {
        "today": today,
        "arrived": letters.arrived(today).order_by("-arrives_on", "-created_at"),
        "sealed": letters.sealed(today),
    }
    return render(request, "letters/letter_list.html", context)


@require_safe
@login_required
def letter_new(request: HttpRequest) -> HttpResponse:
    """A blank letter, or one that starts from an answer in the guide (`?answer=`): the
    person sees the words and chooses the day; nothing is kept until they save."""
    today = request.user.today()
    answer = _answer(request)
    words = [f"{label}\n\n{text}" for label, text in answer.describe()] if answer else []
    draft = Draft(body="\n\n".join(words))
    form = LetterForm(initial=LetterForm.initial_from(draft, today), today=today)
    return _editor(request, {"code": uuid.uuid4(), "form": form, "new": True, "answer": answer})


def _answer(request: HttpRequest) -> Response | None:
    given = request.GET.get("answer", "")
    if not given:
        return None
    try:
        code = uuid.UUID(given)
    except ValueError:
        raise Http404("No such answer.") from None
    return get_object_or_404(request.user.guide_responses.select_related("exercise"), code=code)


@require_safe
@login_required
def letter_detail(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    """An arrived letter is read (and so no longer waiting on Today); a sealed one asks
    first, calmly, whether to open it now."""
    letter = get_object_or_404(request.user.letters, code=code)
    arrived = letter.has_arrived(request.user.today())
    if arrived:
        letter.open()
    readable = arrived or letter.opened_at is not None
    return render(
        request,
        "letters/letter_detail.html",
        {"letter": letter, "arrived": arrived, "readable": readable},
    )


@require_POST
@login_required
def letter_open(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    letter = get_object_or_404(request.user.letters, code=code)
    letter.open()
    return redirect(letter)


@require_http_methods(["GET", "POST"])
@login_required
def letter_edit(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    if request.method == "POST":
        if "resolve" in request.POST:
            return _settle(request, code)
        return _save(request, code)
    today = request.user.today()
    letter = get_object_or_404(request.user.letters, code=code)
    if letter.has_arrived(today):
        messages.info(request, ARRIVED)
        return redirect(letter)
    form = LetterForm(initial=LetterForm.initial_from(letter.content(), today), today=today)
    return _editor(request, {"code": code, "form": form, "letter": letter})


def _save(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    autosave = request.POST.get("autosave") == "1"
    today = request.user.today()
    arrived = request.user.letters.defer("body").filter(code=code).arrived(today).first()
    if arrived is not None:  # a page left open, or a crafted post: it stays as written
        if autosave:
            status = {"status": f"Not saved — {ARRIVED}", "error": True}
            return render(request, TEMPLATE + "#status", status, status=400)
        messages.info(request, ARRIVED)
        return redirect(arrived)
    form = LetterForm(request.POST, today=today)
    stamp = SaveStamp(request.POST)
    if form.is_valid() and not stamp.is_valid():
        form.add_error(None, "This page is out of date, so nothing was saved. Reload it.")
    emptied = form.is_valid() and not autosave and not form.draft().body.strip()
    if emptied and request.user.letters.filter(code=code).exists():
        form.add_error(None, EMPTY)  # an emptied letter is kept as typed, never sealed
    if not form.is_valid():
        return _refused(request, code, form, stamp.editor_id(), autosave)
    try:
        letter = Letter.objects.record(request.user, code, form.draft(), stamp.stamp())
    except Letter.DoesNotExist:
        raise Http404("No such letter.") from None
    except NothingYet:
        if autosave:  # nothing typed in a new letter yet: nothing to keep, nothing to say
            return render(request, TEMPLATE + "#status", {"status": ""})
        form.add_error(None, NOTHING_YET)
        return _refused(request, code, form, stamp.editor_id(), autosave)
    except Stale as stale:
        return _conflicted(request, code, stale, stamp.stamp()[1])
    if autosave:
        return render(request, TEMPLATE + "#status", saved_status(letter, request.user.zone()))
    messages.success(
        request, f"Your letter is sealed until {date_format(letter.arrives_on, 'j F Y')}."
    )
    return redirect("letters:letter-list")


def _refused(
    request: HttpRequest, code: uuid.UUID, form: LetterForm, editor: str, autosave: bool
) -> HttpResponse:
    if autosave:
        return render(request, TEMPLATE + "#status", refused_status(form), status=400)
    letter = request.user.letters.filter(code=code).first()
    context = {"code": code, "form": form, "letter": letter, "editor": editor}
    return _editor(request, context | {"new": letter is None}, status=400)


def _conflicted(request: HttpRequest, code: uuid.UUID, stale: Stale, editor: str) -> HttpResponse:
    """409: both texts are kept; the person sees them side by side and chooses."""
    letter, aside = stale.current, stale.aside
    today = request.user.today()
    form = LetterForm(initial=LetterForm.initial_from(aside.content(), today), today=today)
    context = {"code": code, "form": form, "letter": letter, "editor": editor}
    return _editor(request, context | {"conflict": Conflict(letter, aside)}, status=409)


def _settle(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    """The person chose how a conflict ends."""
    letter = get_object_or_404(request.user.letters, code=code)
    choice = ResolveForm(request.POST)
    stamp = SaveStamp(request.POST)
    if not (choice.is_valid() and stamp.is_valid()):
        return render(request, "400.html", status=400)
    aside = get_object_or_404(letter.asides, code=choice.cleaned_data["resolve"])
    keep = choice.cleaned_data["keep"]
    merged = LetterForm(request.POST, today=request.user.today())
    if keep == "merged" and not merged.is_valid():
        context = {"code": code, "form": merged, "letter": letter, "editor": stamp.stamp()[1]}
        return _editor(request, context | {"conflict": Conflict(letter, aside)}, status=400)
    drafts = {"theirs": None, "mine": aside.content()}
    draft = drafts[keep] if keep in drafts else merged.draft()
    letter.settle(aside, draft, stamp.stamp()[1])
    return redirect("letters:letter-edit", code)


def _editor(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    letter = context.get("letter")
    context.setdefault("editor", new_editor_id())
    context["base"] = letter.save_count if letter else 0
    template = TEMPLATE + "#editor" if request.htmx else TEMPLATE
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def letter_delete(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    letter = get_object_or_404(request.user.letters.defer("body"), code=code)
    if request.method == "POST":
        letter.delete()
        messages.success(request, "The letter is deleted.")
        return redirect("letters:letter-list")
    context = {"letter": letter, "arrived": letter.has_arrived(request.user.today())}
    return render(request, "letters/letter_delete.html", context)

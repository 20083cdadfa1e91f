from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from healing import guide_cache
from healing.cards import (
    Card,
    build_cards,
    chapter_rows,
    fill_ticks,
    group_versions,
    recent_ticks,
    saved_words,
    summary_for,
    tick_days,
    written,
)
from healing.forms import NOTHING_YET, AnswerForm, CompleteForm, TicksForm
from healing.helplines import COUNTRIES
from healing.models import Chapter, Exercise, Kind, PracticeTick, Progress, Response
from healing.writing import (
    Conflict,
    NothingYet,
    ResolveForm,
    SaveStamp,
    Stale,
    new_editor_id,
)

OUT_OF_DATE = "This page is out of date, so nothing was saved. Reload it, then try again."

if TYPE_CHECKING:
    from accounts.models import User


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "healing/home.html")


@require_safe
def support(request: HttpRequest) -> HttpResponse:
    return render(request, "healing/support.html", {"countries": COUNTRIES.values()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "healing/privacy.html")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context (the database may be what failed),
    # yet with Quick exit, which every page must have.
    html = loader.render_to_string("500.html", {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL})
    return HttpResponseServerError(html)


# ---------------------------------------------------------------------------
# The guide
# ---------------------------------------------------------------------------


def _reader(request: HttpRequest) -> User | None:
    return request.user if request.user.is_authenticated else None


@require_safe
def contents(request: HttpRequest) -> HttpResponse:
    reading = guide_cache.kept().reading(_reader(request))
    rows = [(chapter, reading.progress.get(chapter.pk)) for chapter in reading.chapters]
    context = {"rows": rows, "completed": reading.completed, "continue_at": reading.continue_at}
    return render(request, "healing/contents.html", context)


@require_safe
def chapter(request: HttpRequest, slug: str) -> HttpResponse:
    return _chapter_page(request, slug)


def _chapter_page(
    request: HttpRequest,
    slug: str,
    bound: AnswerForm | None = None,
    status: int = 200,
    conflict: Conflict | None = None,
    editor: str = "",
) -> HttpResponse:
    guide = guide_cache.kept()
    chapters, exercises = guide.content()
    current = next((c for c in chapters if c.slug == slug), None)
    if current is None:
        raise Http404("No such chapter.")
    reader = _reader(request)
    context: dict[str, Any] = {
        "chapter": current,
        "chapters": chapters,
        "chapter_count": len(chapters),
    }
    index = chapters.index(current)
    context["previous"] = chapters[index - 1] if index else None
    context["next"] = chapters[index + 1] if index + 1 < len(chapters) else None
    if reader is None:
        return guide.visitors_page(
            request,
            f"chapter:{slug}",
            "healing/chapter.html",
            lambda: (
                context
                | {
                    "sections": _sections(
                        current, build_cards(None, current, exercises, guide=guide)
                    )
                }
            ),
        )
    responses, ticks = chapter_rows(reader, current, exercises)
    editor = editor or new_editor_id()
    cards = build_cards(reader, current, exercises, responses, ticks, bound, editor, guide)
    progress = {p.chapter_id: p for p in reader.guide_progress.all()}
    context["progress"] = progress.get(current.pk)
    context["completed"] = sum(1 for p in progress.values() if p.completed_at)
    Progress.objects.mark_opened(reader, current, progress)
    if conflict is not None:
        next(c for c in cards if c.exercise.key == conflict.current.exercise.key).show_conflict(
            conflict, bound
        )
    context["sections"] = _sections(current, cards)
    return render(request, "healing/chapter.html", context, status=status)


def _sections(chapter: Chapter, cards: list[Card]) -> list[tuple[str, Any]]:
    """The chapter's prose, with each exercise's card where the text raises it."""
    by_key = {card.exercise.key: card for card in cards}
    return [
        (kind, by_key[value] if kind == "exercise" else value)
        for kind, value in chapter.sections()
        if kind == "html" or value in by_key
    ]


@require_POST
def chapter_complete(request: HttpRequest, slug: str) -> HttpResponse:
    current = get_object_or_404(Chapter, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(current.get_absolute_url() + "#complete")
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    Progress.objects.mark_complete(request.user, current, form.cleaned_data["complete"])
    if not request.htmx:
        return redirect(current.get_absolute_url() + "#complete")
    progress = request.user.guide_progress.get(chapter=current)
    context = {
        "chapter": current,
        "progress": progress,
        "swapped": True,
        "completed": request.user.guide_progress.filter(completed_at__isnull=False).count(),
        "chapter_count": Chapter.objects.count(),
    }
    return render(request, "healing/chapter.html#complete", context)


@require_POST
def exercise_save(request: HttpRequest, key: str) -> HttpResponse:
    exercise = guide_cache.kept().exercise(key)
    if exercise is None:
        raise Http404("No such exercise.")
    if not request.user.is_authenticated:
        # Back to the exercise after signing in: the save URL itself answers only POST.
        return redirect_to_login(exercise.get_absolute_url())
    if "resolve" in request.POST:
        return _settle(request, exercise)
    autosave = request.POST.get("autosave") == "1"
    form = AnswerForm(exercise, request.POST, autosave=autosave)
    stamp = SaveStamp(request.POST)
    if form.is_valid() and not stamp.is_valid():
        form.add_error(None, OUT_OF_DATE)
    if not form.is_valid():
        return _refused(request, exercise, form, stamp.editor_id(), autosave)
    try:
        saved = Response.objects.record(
            request.user,
            exercise,
            form.answer(),
            request.user.today(),
            stamp.stamp(),
            again="again" in request.POST,
        )
    except NothingYet:
        if autosave:  # empty fields before any answer: nothing to keep, nothing to say
            return _save_status(request, exercise, None, None)
        form.add_error(None, NOTHING_YET)
        return _refused(request, exercise, form, stamp.stamp()[1], autosave)
    except Stale as stale:
        return _conflicted(request, exercise, stale, stamp.stamp()[1])
    Progress.objects.mark_read(request.user, exercise.chapter, exercise.key)
    if not request.htmx:
        return redirect(exercise.get_absolute_url())
    if autosave:
        return _save_status(request, exercise, None, saved)
    return _exercise_fragment(request, exercise, None, stamp.stamp()[1])


def _settle(request: HttpRequest, exercise: Exercise) -> HttpResponse:
    """The person chose how a conflict ends: keep the other page's answer (nothing to
    write), this page's (kept aside when the conflict was found), or a merge."""
    form = ResolveForm(request.POST)
    stamp = SaveStamp(request.POST)
    if not (form.is_valid() and stamp.is_valid()):
        return render(request, "400.html", status=400)
    aside = get_object_or_404(
        request.user.guide_responses, code=form.cleaned_data["resolve"], aside=True
    )
    aside.exercise = exercise
    keep = form.cleaned_data["keep"]
    # Keeping this page's text swaps the two (see ResponseQuerySet._keep_replaced), and
    # the row kept aside then holds the other page's text: pressed again (its reply
    # lost), there is nothing more to write.
    swapped = keep == "mine" and aside.editor != stamp.stamp()[1]
    merged = AnswerForm(exercise, request.POST)
    if keep == "merged" and not merged.is_valid():
        current = Response.objects.latest_for(request.user, exercise)
        conflict = Conflict(current, aside) if current else None
        return _fragment_or_page(request, exercise, merged, stamp.stamp()[1], conflict, 400)
    if keep != "theirs" and not swapped:
        answer = aside.answer if keep == "mine" else merged.answer()
        try:
            Response.objects.record(
                request.user, exercise, answer, request.user.today(), stamp.stamp(), resolving=aside
            )
        except Stale as stale:
            return _conflicted(request, exercise, stale, stamp.stamp()[1])
    if not request.htmx:
        return redirect(exercise.get_absolute_url())
    return _exercise_fragment(request, exercise, None, stamp.stamp()[1])


def _refused(
    request: HttpRequest, exercise: Exercise, form: AnswerForm, editor: str, autosave: bool
) -> HttpResponse:
    if autosave and request.htmx:
        return _save_status(request, exercise, form, None, status=400)
    return _fragment_or_page(request, exercise, form, editor, None, 400)


def _conflicted(
    request: HttpRequest, exercise: Exercise, stale: Stale, editor: str
) -> HttpResponse:
    """409: both answers are kept; the person sees them side by side and chooses."""
    conflict = Conflict(stale.current, stale.aside)
    return _fragment_or_page(request, exercise, None, editor, conflict, 409)


def _fragment_or_page(
    request: HttpRequest,
    exercise: Exercise,
    form: AnswerForm | None,
    editor: str,
    conflict: Conflict | None,
    status: int,
) -> HttpResponse:
    if request.htmx:
        return _exercise_fragment(request, exercise, form, editor, conflict, status)
    return _chapter_page(request, exercise.chapter.slug, form, status, conflict, editor)


def _save_status(
    request: HttpRequest,
    exercise: Exercise,
    bound: AnswerForm | None,
    saved: Response | None,
    status: int = 200,
) -> HttpResponse:
    """Only the status line: an autosave never replaces what the person is typing."""
    card = Card(exercise, exercise.chapter, form=bound, status=saved_words(request.user, saved))
    if saved is not None:
        card.versions = [saved]
        if exercise.kind_spec.tracks_days:  # a changed plan changes the days table too
            fill_ticks(card, request.user, recent_ticks(request.user).filter(exercise=exercise))
    return render(request, "healing/chapter.html#autosave-reply", {"card": card}, status=status)


def _exercise_fragment(
    request: HttpRequest,
    exercise: Exercise,
    bound: AnswerForm | None,
    editor: str,
    conflict: Conflict | None = None,
    status: int = 200,
) -> HttpResponse:
    responses = request.user.guide_responses.filter(exercise=exercise)
    ticks = recent_ticks(request.user).filter(exercise=exercise)
    [card] = build_cards(
        request.user, exercise.chapter, [exercise], responses, ticks, bound, editor
    )
    if conflict is not None:
        card.show_conflict(conflict, bound)
    elif card.form is not None:
        card.keep_focus(request.POST.get(card.form.add_prefix("op"), ""), "again" in request.POST)
    if exercise.kind_spec.gathers_answers:
        card.summary = summary_for(request.user)
    return render(request, "healing/chapter.html#exercise", {"card": card}, status=status)


@require_POST
def practice_ticks(request: HttpRequest, key: str) -> HttpResponse:
    exercise = get_object_or_404(
        Exercise.objects.current().select_related("chapter"), key=key, kind=Kind.PRACTICE_PLAN
    )
    if not request.user.is_authenticated:
        return redirect_to_login(exercise.get_absolute_url())
    latest = Response.objects.latest_for(request.user, exercise)
    chosen = exercise.kind_spec.chosen(latest.answer) if latest else []
    form = TicksForm(chosen, tick_days(request.user.today()), request.POST)
    if form.is_valid():
        PracticeTick.objects.change(request.user, exercise, *form.changes())
    if not request.htmx:
        if not form.is_valid():
            return render(request, "healing/practice_days_error.html", {"form": form}, status=400)
        return redirect(exercise.get_absolute_url())
    return render(
        request,
        "healing/chapter.html#tick-status",
        {"tick_form": form},
        status=200 if form.is_valid() else 400,
    )


@require_safe
@login_required
def reflections(request: HttpRequest) -> HttpResponse:
    exercises = list(Exercise.objects.select_related("chapter"))
    by_exercise, asides = group_versions(exercises, request.user.guide_responses.all())
    chapters: dict[int, tuple[Chapter, list[tuple[Exercise, list[Response], list[Response]]]]] = {}
    for exercise in exercises:
        if versions := written(by_exercise.get(exercise.pk, [])):
            group = chapters.setdefault(exercise.chapter_id, (exercise.chapter, []))
            group[1].append((exercise, versions, asides.get(exercise.pk, [])))
    return render(request, "healing/reflections.html", {"groups": list(chapters.values())})


@require_safe
@login_required
def answer(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    response = get_object_or_404(
        request.user.guide_responses.select_related("exercise__chapter"), code=code
    )
    return render(request, "healing/answer.html", {"response": response})

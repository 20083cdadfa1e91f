from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from healing import guide_cache
from healing.markdown import render_private
from healing.models import Exercise, Reading
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
from journal import search
from journal.calendar import WEEKDAYS, Month
from journal.forms import CarryForm, CheckInForm, EntryForm, FindForm, MonthForm, PeriodForm
from journal.insights import PERIODS, gather
from journal.models import CheckIn, Content, Entry, Revision
from reminders.models import Reminder

if TYPE_CHECKING:
    from accounts.models import User

PER_PAGE = 20
NOTHING_YET = "There is nothing to save yet. Write something first."


@require_safe
@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    finder = FindForm(request.GET, user=request.user)
    if not finder.is_valid():
        return _nothing_found(request, finder)
    wanted = finder.cleaned_data["q"]
    # The list shows the excerpt; a search shows a snippet of the body.
    entries = finder.entries().listed("body") if wanted else finder.entries().listed()
    page = Paginator(entries, PER_PAGE).get_page(finder.cleaned_data["page"])
    if page.number != finder.cleaned_data["page"]:
        finder.add_error("page", f"There is no page {finder.cleaned_data['page']} of this list.")
        return _nothing_found(request, finder)
    rows = page.object_list.with_tags(finder.tags)
    for entry in rows:
        entry.snippet = search.snippet(entry.body, wanted) if wanted else None
    context = {"finder": finder, "page": page, "entries": rows}
    if page.has_previous():
        context["previous_query"] = finder.query_string(page.previous_page_number())
    if page.has_next():
        context["next_query"] = finder.query_string(page.next_page_number())
    return render(request, "journal/entry_list.html", context)


def _nothing_found(request: HttpRequest, finder: FindForm) -> HttpResponse:
    context = {"finder": finder, "entries": [], "page": None}
    return render(request, "journal/entry_list.html", context, status=400)


@require_safe
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET, today=request.user.today())
    if not form.is_valid():
        return render(request, "journal/calendar.html", {"form": form}, status=400)
    user = request.user
    month = Month(form.cleaned_data["month"], user.journal_entries.live(), user.mood_checkins)
    context = {"form": form, "month": month, "weekdays": WEEKDAYS}
    return render(request, "journal/calendar.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _carry(request)
    prompt = _prompt(request)
    content = Content(entry_date=request.user.today())
    form = EntryForm(
        initial={**EntryForm.initial_from(content), "prompt": prompt.key if prompt else ""},
        today=request.user.today(),
    )
    context = {"code": uuid.uuid4(), "form": form, "prompt": prompt, "new": True}
    return _editor(request, context)


def _prompt(request: HttpRequest) -> Exercise | None:
    key = request.GET.get("prompt", "")
    prompt = Exercise.objects.current().filter(key=key).first() if key else None
    if key and prompt is None:
        messages.info(request, "That prompt is no longer in the guide; write freely.")
    return prompt


def _carry(request: HttpRequest) -> HttpResponse:
    """An exercise answer too long for the guide becomes a new entry, whole."""
    form = CarryForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    prompt = Exercise.objects.filter(key=form.cleaned_data["prompt"]).first()
    content = Content(body=form.cleaned_data["body"], entry_date=request.user.today())
    entry = Entry.objects.record(
        request.user, uuid.uuid4(), content, (0, new_editor_id()), prompt=prompt
    )
    messages.success(request, "Your text is here, whole, in a new journal entry.")
    return redirect("journal:entry-edit", entry.code)


@require_safe
@login_required
def entry_detail(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(
        request.user.journal_entries.select_related("prompt").prefetch_related("tags"), code=code
    )
    context = {"entry": entry, "body_html": render_private(entry.body)}
    return render(request, "journal/entry_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    if request.method == "GET":
        entry = get_object_or_404(request.user.journal_entries.select_related("prompt"), code=code)
        initial = EntryForm.initial_from(entry.content())
        form = EntryForm(initial=initial, today=request.user.today())
        return _editor(request, {"code": code, "form": form, "entry": entry})
    if "resolve" in request.POST:
        return _settle(request, code)
    return _save(request, code)


def _save(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    autosave = request.POST.get("autosave") == "1"
    form = EntryForm(request.POST, today=request.user.today())
    stamp = SaveStamp(request.POST)
    if form.is_valid() and not stamp.is_valid():
        form.add_error(None, "This page is out of date, so nothing was saved. Reload it.")
    if not form.is_valid():
        return _refused(request, code, form, stamp.editor_id(), autosave)
    try:
        entry = Entry.objects.record(
            request.user, code, form.content(), stamp.stamp(), form.cleaned_data["prompt"]
        )
    except Entry.DoesNotExist:
        raise Http404("No such entry.") from None
    except NothingYet:
        if autosave:  # nothing typed in a new entry yet: nothing to keep, nothing to say
            return render(request, "journal/entry_form.html#status", {"status": ""})
        form.add_error(None, NOTHING_YET)
        return _refused(request, code, form, stamp.editor_id(), autosave)
    except Stale as stale:
        return _conflicted(request, code, stale, stamp.stamp()[1])
    if autosave:
        return render(
            request, "journal/entry_form.html#status", saved_status(entry, request.user.zone())
        )
    return redirect(entry)


def _refused(
    request: HttpRequest, code: uuid.UUID, form: EntryForm, editor: str, autosave: bool
) -> HttpResponse:
    if autosave:
        return render(request, "journal/entry_form.html#status", refused_status(form), status=400)
    entry = request.user.journal_entries.filter(code=code).first()
    context = {"code": code, "form": form, "entry": entry, "editor": editor, "new": entry is None}
    return _editor(request, context, status=400)


def _conflicted(request: HttpRequest, code: uuid.UUID, stale: Stale, editor: str) -> HttpResponse:
    """409: both texts are kept; the person sees them side by side and chooses."""
    entry, aside = stale.current, stale.aside
    form = EntryForm(initial=EntryForm.initial_from(aside.content()), today=request.user.today())
    context = {
        "code": code,
        "form": form,
        "entry": entry,
        "editor": editor,
        "conflict": Conflict(entry, aside),
    }
    return _editor(request, context, status=409)


def _settle(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    """The person chose how a conflict ends."""
    entry = get_object_or_404(request.user.journal_entries, code=code)
    choice = ResolveForm(request.POST)
    stamp = SaveStamp(request.POST)
    if not (choice.is_valid() and stamp.is_valid()):
        return render(request, "400.html", status=400)
    aside = get_object_or_404(
        entry.revisions, code=choice.cleaned_data["resolve"], kind=Revision.Kind.ASIDE
    )
    keep = choice.cleaned_data["keep"]
    merged = EntryForm(request.POST, today=request.user.today())
    if keep == "merged" and not merged.is_valid():
        context = {
            "code": code,
            "form": merged,
            "entry": entry,
            "editor": stamp.stamp()[1],
            "conflict": Conflict(entry, aside),
        }
        return _editor(request, context, status=400)
    if keep != "theirs":
        content = aside.content() if keep == "mine" else merged.content()
        try:
            Entry.objects.record(request.user, code, content, stamp.stamp(), resolving=aside)
        except Stale as stale:
            return _conflicted(request, code, stale, stamp.stamp()[1])
    return redirect("journal:entry-edit", code)


def _editor(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    entry = context.get("entry")
    context.setdefault("editor", new_editor_id())
    context.setdefault("base", entry.save_count if entry else 0)
    if context.get("conflict"):
        context["base"] = entry.save_count
    if entry is not None and "prompt" not in context:
        context["prompt"] = entry.prompt
    template = "journal/entry_form.html"
    if request.htmx:
        template += "#editor"
    return render(request, template, context, status=status)


@require_safe
@login_required
def entry_history(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries, code=code)
    revisions = entry.revisions.all()
    return render(request, "journal/entry_history.html", {"entry": entry, "revisions": revisions})


@require_safe
@login_required
def revision_detail(request: HttpRequest, code: uuid.UUID, revision: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries.prefetch_related("tags"), code=code)
    shown = get_object_or_404(entry.revisions, code=revision)
    context = {"entry": entry, "revision": shown, "comparison": Conflict(entry, shown)}
    return render(request, "journal/revision_detail.html", context)


@require_POST
@login_required
def revision_restore(request: HttpRequest, code: uuid.UUID, revision: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries, code=code)
    shown = get_object_or_404(entry.revisions, code=revision)
    entry.restore(shown, new_editor_id())
    messages.success(request, "This entry is back to that version. What it said before is kept.")
    return redirect(entry)


@require_POST
@login_required
def entry_trash(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries.live(), code=code)
    entry.move_to_trash()
    messages.success(request, "Moved to the trash. You can restore it from there for 30 days.")
    return redirect("journal:entry-list")


@require_POST
@login_required
def entry_untrash(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries.trashed(), code=code)
    entry.restore_from_trash()
    messages.success(request, "Restored from the trash.")
    return redirect(entry)


@require_http_methods(["GET", "POST"])
@login_required
def entry_delete_forever(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(request.user.journal_entries.trashed(), code=code)
    if request.method == "POST":
        entry.delete()
        messages.success(request, "Deleted for ever.")
        return redirect("journal:trash")
    return render(request, "journal/entry_delete_forever.html", {"entry": entry})


@require_safe
@login_required
def trash(request: HttpRequest) -> HttpResponse:
    entries = request.user.journal_entries.trashed().order_by("-trashed_at").defer("body")
    return render(request, "journal/trash.html", {"entries": entries})


# ---------------------------------------------------------------------------
# Today and insights
# ---------------------------------------------------------------------------

RECENT = 3
LONG_GAP = datetime.timedelta(days=14)


@require_safe
@login_required
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    day = user.today()
    guide = guide_cache.kept()
    reading = guide.reading(user)
    entries = user.journal_entries.live().newest_first().defer("body").prefetch_related("tags")
    recent = list(entries[:RECENT])
    last_check_in = user.mood_checkins.order_by("-day").first()
    context = {
        "day": day,
        "reading": reading,
        "prompt": guide.prompt_for_day(user, day),
        "check_in": last_check_in if last_check_in and last_check_in.day == day else None,
        "recent": recent,
        "welcome": _welcome(user, reading, recent, last_check_in),
        "moments": Reminder.objects.upcoming_moments(user),
        # Letters whose day has come, until they are read.
        "letters": list(user.letters.arrived(day).unopened().defer("body")),
    }
    if user.on_this_day:
        context["on_this_day"] = entries.on_this_day(day)
    return render(request, "journal/today.html", context)


def _welcome(user: User, reading: Reading, recent: list[Entry], check_in: CheckIn | None) -> str:
    """ "new" for a first visit, "back" after a long quiet spell, else nothing to say."""
    moments = [entry.updated_at for entry in recent] + [
        progress.last_read_at for progress in reading.progress.values()
    ]
    if check_in is not None:
        moments.append(check_in.updated_at)
    if not moments:
        return "new"
    return "back" if timezone.now() - max(moments) > LONG_GAP else ""


@require_POST
@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return render(request, "journal/today.html#check-in", {"form": form}, status=400)
    day = request.user.today()
    check = CheckIn.objects.update_or_create(
        user=request.user, day=day, defaults={"mood": form.cleaned_data["mood"]}
    )[0]
    if not request.htmx:
        messages.success(request, f"Today's mood is saved: {check.get_mood_display().lower()}.")
        return redirect("home")
    context = {"check_in": check, "saved": True}
    return render(request, "journal/today.html#check-in", context)


@require_safe
@login_required
def insights(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "journal/insights.html", {"form": form}, status=400)
    context = {
        "form": form,
        "insights": gather(request.user, form.cleaned_data["days"]),
        "reading": guide_cache.kept().reading(request.user),
        "periods": PERIODS,
    }
    return render(request, "journal/insights.html", context)

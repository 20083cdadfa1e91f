"""What the chapter page shows for each exercise: the exercise, the reader's versions,
their form, and for some kinds a little more (practice days, the look-back summary).

Everything is gathered from rows the view has already fetched, so a chapter page
costs the same few queries however many answers a person has. What a card shows every
reader alike (its heading, its form's labels and help, its links) is its skeleton,
drawn once per guide version and kept (guide_cache); only the person's own part is
drawn for each page.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.forms.widgets import ChoiceWidget
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape as esc
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from healing import guide_cache
from healing.forms import AnswerForm
from healing.kinds import ExerciseKind, Preview
from healing.models import Chapter, Exercise, PracticeTick, Response
from healing.templatetags.addresses import address
from healing.writing import Conflict, PrivateText, normalise

if TYPE_CHECKING:
    from accounts.models import User

TICK_DAYS = 14


def tick_days(today: datetime.date) -> list[datetime.date]:
    """The days a practice plan shows, oldest first, ending today."""
    return [today - datetime.timedelta(days=n) for n in range(TICK_DAYS - 1, -1, -1)]


def recent_ticks(user: User) -> QuerySet[PracticeTick]:
    return user.guide_ticks.filter(day__in=tick_days(user.today()))


def saved_words(user: User, response: Response | None) -> str:
    """The status line's words. Nothing at all before a first save: an empty exercise
    is not a failure."""
    if response is None:
        return ""
    now = user.local_now()
    when = timezone.localtime(response.updated_at, now.tzinfo)
    if when.date() == now.date():
        return f"Saved {when:%H:%M}"
    return f"Saved on {date_format(when.date(), 'j F Y')}"


@dataclass
class TickRow:
    practice: str
    name: str
    days: list[tuple[datetime.date, bool]]


@dataclass(frozen=True)
class CutWidget:
    """A widget as Django draws it for nobody (unbound, nothing chosen, no text), cut
    where a reader's value goes: a text box's text, or each option's mark (` checked`,
    ` selected`) between pieces[i] and pieces[i + 1]."""

    pieces: tuple[str, ...]
    options: tuple[tuple[str, str], ...] = ()  # (value, mark); none for a text box

    def fill(self, widget: forms.Widget, value: Any) -> str:
        shown = widget.format_value(value)  # as Django's widget reads the value
        if not self.options:
            return f"{self.pieces[0]}{esc(shown) if shown else ''}{self.pieces[1]}"
        drawn, one_only, marked = [self.pieces[0]], not widget.allow_multiple_selected, False
        for (option, mark), piece in zip(self.options, self.pieces[1:], strict=True):
            chosen = option in shown and not (one_only and marked)  # as Django's optgroups
            marked |= chosen
            drawn.append((mark if chosen else "") + piece)
        return "".join(drawn)


@dataclass(frozen=True)
class FieldParts:
    """A field's markup around its widget and, where it could be cut, the widget
    itself: a reader's saved answer fills it without Django's form rendering."""

    name: str
    before: str
    after: str
    widget: CutWidget | None = None

    def draw(self, form: AnswerForm) -> str:
        field = form.fields[self.name]
        if self.widget is None or form.is_bound or "autofocus" in field.widget.attrs:
            return self.before + str(form[self.name]) + self.after
        value = field.prepare_value(form.get_initial_for_field(field, self.name))
        return self.before + self.widget.fill(field.widget, value) + self.after


@dataclass(frozen=True)
class Skeleton:
    """What an exercise's card shows every reader alike: its heading, the opening tag of
    its form, its links to the journal, and around each field's widget the field's
    label and help. Public text only: drawn from the exercise, never from an answer."""

    head: SafeString
    form: SafeString
    links: SafeString
    fields: list[FieldParts]


def field_parts(field: BoundField) -> tuple[str, str]:
    """A field's markup around its widget: its label, help and any error."""
    errors = " ".join(field.errors)
    if field.use_fieldset:
        help_ = format_html('<p class="field__help">{}</p>', field.help_text)
        error = format_html('<p class="field__error">{}</p>', errors)
        before = format_html('<fieldset class="field">\n<legend>{}</legend>\n', field.label)
        closing = "</fieldset>"
    else:
        help_ = format_html(
            '<p class="field__help" id="{}_helptext">{}</p>', field.auto_id, field.help_text
        )
        error = format_html('<p class="field__error" id="{}_error">{}</p>', field.auto_id, errors)
        before = format_html(
            '<div class="field{}">\n{}\n', " field--error" if errors else "", field.label_tag()
        )
        closing = "</div>"
    before += (help_ + "\n" if field.help_text else "") + (error + "\n" if errors else "")
    return before, "\n" + closing


def cut_widget(exercise: Exercise, name: str) -> CutWidget | None:
    """The field's widget drawn for nobody, cut where a value goes; None for a widget
    that cannot be cut so (each option drawn once chosen tells where its mark goes)."""
    widget = AnswerForm(exercise).fields[name].widget

    def drawn(value: Any) -> str:
        return str(AnswerForm(exercise, initial={name: value})[name])

    if isinstance(widget, forms.Textarea):
        start, end, rest = drawn(None).rpartition("</textarea>")
        return CutWidget((start, end + rest))
    if not isinstance(widget, ChoiceWidget):
        return None
    bare, marked = drawn([]), []
    for option in (str(value) for value, _ in widget.choices):
        chosen = drawn(option)
        pairs = enumerate(zip(bare, chosen, strict=False))
        at = next((i for i, (was, now) in pairs if was != now), len(bare))
        mark = chosen[at : at + len(chosen) - len(bare)]
        if chosen != bare[:at] + mark + bare[at:]:
            return None
        marked.append((at, option, mark))
    marked.sort()
    cuts = [0, *(at for at, _, _ in marked), len(bare)]
    pieces = tuple(bare[start:end] for start, end in itertools.pairwise(cuts))
    return CutWidget(pieces, tuple((option, mark) for _, option, mark in marked))


def fields_skeleton(form: AnswerForm, cut: bool = False) -> list[FieldParts]:
    """Each field's markup around its widget; `cut` also cuts the widgets (for the
    kept skeleton: an unbound form's)."""
    exercise = form.exercise
    return [
        FieldParts(
            field.name, *field_parts(field), cut_widget(exercise, field.name) if cut else None
        )
        for field in form
    ]


def draw_skeleton(exercise: Exercise) -> Skeleton:
    card = Card(exercise, exercise.chapter)  # nobody's card: the exercise alone

    def draw(part: str) -> SafeString:
        return loader.render_to_string(f"healing/chapter.html#{part}", {"card": card})

    return Skeleton(
        head=draw("exercise-head"),
        form=draw("exercise-form"),
        links=draw("exercise-links"),
        fields=fields_skeleton(AnswerForm(exercise), cut=True),
    )


@dataclass
class Card:
    exercise: Exercise
    chapter: Chapter
    skeleton: Skeleton | None = None
    guide: guide_cache.Kept | None = None  # what the card was drawn from, for other apps' parts
    versions: list[Response] = field(default_factory=list)
    asides: list[Response] = field(default_factory=list)
    form: AnswerForm | None = None
    status: str = ""
    editor: str = ""
    conflict: Conflict | None = None
    days: list[datetime.date] = field(default_factory=list)
    tick_rows: list[TickRow] = field(default_factory=list)
    summary: list[tuple[Chapter, list[tuple[Exercise, Response]]]] = field(default_factory=list)
    # Where keyboard focus lands when the section is swapped after a button press:
    # "save", "up"/"down" (that button of item `focus_at`), "item" (its text) or "".
    focus: str = ""
    focus_at: int = 0

    def show_conflict(self, conflict: Conflict, bound: AnswerForm | None) -> None:
        """Show both answers; the merge form starts from this page's."""
        self.conflict = conflict
        self.form = bound or form_for(self.exercise, conflict.aside.answer)

    def keep_focus(self, pressed: str, again: bool) -> None:
        """The section is swapped after a button press: keep keyboard focus where the
        person was — on Save after saving, on an item moved up or down — and otherwise
        on the first field (a new version, a list's new-item box)."""
        assert self.form is not None
        verb, _, position = pressed.partition(":")
        count = len(self.items)
        if verb == "save" and not again:
            self.focus = "save"
        elif verb in ("up", "down") and position.isdigit() and int(position) < count:
            at = int(position) + (-1 if verb == "up" else 1)
            self.focus_at = min(max(at, 0), count - 1)
            at_the_end = self.focus_at == (0 if verb == "up" else count - 1)
            self.focus = "item" if at_the_end else verb  # that button is disabled there
        else:
            next(iter(self.form.fields.values())).widget.attrs["autofocus"] = True

    @property
    def fields(self) -> SafeString:
        """The form's fields (unless the kind draws its own): the kept skeleton filled
        with the person's values; drawn whole when there are errors to show."""
        assert self.form is not None and self.skeleton is not None
        form = self.form
        parts = fields_skeleton(form) if form.errors else self.skeleton.fields
        drawn = "".join(part.draw(form) for part in parts)
        return mark_safe(f'<div class="fields">{drawn}</div>')  # noqa: S308 (escaped parts)

    @property
    def stamp(self) -> SafeString:
        """Which save this page starts from, and which page it is (sent with every save)."""
        return format_html(
            '<input type="hidden" name="base" value="{}">'
            '<input type="hidden" name="editor" value="{}">',
            self.base,
            self.editor,
        )

    @property
    def status_line(self) -> SafeString:
        """The save status: when it was last saved, or why the save was refused."""
        form = self.form
        state, words = "saved", esc(self.status)
        if form is not None and form.errors:
            errors = [*form.non_field_errors()]
            errors += [error for name in form.fields for error in form.errors.get(name, [])]
            state, words = "error", "Not saved — " + "".join(f"{esc(e)} " for e in errors)
        return mark_safe(  # noqa: S308 (every value escaped)
            f'<p class="save-status" id="{esc(self.anchor)}-status" data-save-status'
            f' data-login-url="{esc(address("account_login"))}" data-base="{self.base}"'
            f' data-state="{state}" role="status">{words}</p>'
        )

    @property
    def kind(self) -> ExerciseKind:
        return self.exercise.kind_spec

    @property
    def latest(self) -> Response | None:
        return self.versions[-1] if self.versions else None

    @property
    def base(self) -> int:
        """The save counter this page starts from (sent back with every save)."""
        if self.conflict is not None:
            return self.conflict.current.save_count
        return self.latest.save_count if self.latest else 0

    @cached_property
    def earlier(self) -> list[Response]:
        return sorted(
            self.versions[:-1] + self.asides, key=lambda r: (r.version, r.aside), reverse=True
        )

    @property
    def offers_pause(self) -> bool:
        """The chapters about where the hurt comes from and what it costs can bring up a
        lot: their exercises offer a grounding pause."""
        return 1 <= self.chapter.order <= 3

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
            return self.form.items if self.form.is_valid() else self.form.posted_items
        return self.latest.answer.get("items", []) if self.latest else []

    @property
    def carry_text(self) -> str:
        """An answer refused as too long, whole, to carry into a new journal entry."""
        form = self.form
        if form is None or not form.is_bound:
            return ""
        texts = [
            (field.label, normalise(form.data.get(form.add_prefix(name), "")))
            for name, field in form.fields.items()
            if isinstance(field, PrivateText)
        ]
        if not any(form.has_error(name, "max_length") for name in form.fields):
            return ""
        return "\n\n".join(f"{label}\n\n{text}" for label, text in texts if text.strip())

    @property
    def send_forward_url(self) -> str:
        """A new letter to the future self that starts from this answer, for an exercise
        whose config says `send_forward` (the person sees it and chooses the day)."""
        latest = self.latest
        if not self.exercise.config.get("send_forward") or latest is None:
            return ""
        if self.kind.is_empty(latest.answer):
            return ""
        return f"{reverse('letters:letter-new')}?{urlencode({'answer': latest.code})}"

    @property
    def preview(self) -> list[Preview]:
        return self.kind.preview(self.exercise)

    @property
    def can_answer_again(self) -> bool:
        """Text answers can be revisited; not a version still empty, nor a living list."""
        latest = self.latest
        return not self.kind.living and latest is not None and not self.kind.is_empty(latest.answer)


def form_for(exercise: Exercise, answer: dict[str, Any]) -> AnswerForm:
    return AnswerForm(exercise, initial=exercise.kind_spec.initial(answer))


def build_cards(
    user: User | None,
    chapter: Chapter,
    exercises: Iterable[Exercise],
    responses: Iterable[Response] = (),
    ticks: Iterable[PracticeTick] = (),
    bound: AnswerForm | None = None,
    editor: str = "",
    guide: guide_cache.Kept | None = None,
) -> list[Card]:
    """Cards for the chapter's exercises; `exercises` and `responses` may span the guide."""
    exercises = list(exercises)
    guide = guide or guide_cache.kept()
    by_exercise, asides = group_versions(exercises, responses)
    cards = []
    for exercise in exercises:
        if exercise.chapter_id != chapter.pk:
            continue
        card = Card(
            exercise=exercise,
            chapter=chapter,
            skeleton=guide.get(f"skeleton:{exercise.key}", lambda e=exercise: draw_skeleton(e)),
            guide=guide,
            versions=by_exercise[exercise.pk],
            asides=asides[exercise.pk],
            editor=editor,
        )
        if user is not None:
            card.status = saved_words(user, card.latest)
            card.form = bound if bound and bound.exercise.pk == exercise.pk else None
            card.form = card.form or form_for(exercise, card.latest.answer if card.latest else {})
            if exercise.kind_spec.tracks_days:
                fill_ticks(card, user, ticks)
            if exercise.kind_spec.gathers_answers:
                card.summary = summary(exercises, by_exercise)
        cards.append(card)
    return cards


def chapter_rows(
    user: User, chapter: Chapter, exercises: list[Exercise]
) -> tuple[list[Response], Iterable[PracticeTick]]:
    """The person's rows a chapter's cards show: the answers to its exercises (to the
    whole guide's when one of them looks back over it), and the days ticked when one
    of them tracks days."""
    own = [exercise for exercise in exercises if exercise.chapter_id == chapter.pk]
    shown = exercises if any(e.kind_spec.gathers_answers for e in own) else own
    ticks = recent_ticks(user) if any(e.kind_spec.tracks_days for e in own) else []
    return list(user.guide_responses.filter(exercise__in=shown)), ticks


def group_versions(
    exercises: list[Exercise], responses: Iterable[Response]
) -> tuple[dict[int, list[Response]], dict[int, list[Response]]]:
    """Each exercise's versions in order, and apart from them the texts kept aside."""
    known = {exercise.pk: exercise for exercise in exercises}
    by_exercise: dict[int, list[Response]] = defaultdict(list)
    asides: dict[int, list[Response]] = defaultdict(list)
    for response in sorted(responses, key=lambda r: r.version):
        if response.exercise_id in known:
            response.exercise = known[response.exercise_id]  # no query per answer
            (asides if response.aside else by_exercise)[response.exercise_id].append(response)
    return by_exercise, asides


def summary_for(user: User) -> list[tuple[Chapter, list[tuple[Exercise, Response]]]]:
    exercises = list(Exercise.objects.current().select_related("chapter"))
    by_exercise, _ = group_versions(exercises, user.guide_responses.versions())
    return summary(exercises, by_exercise)


def fill_ticks(card: Card, user: User, ticks: Iterable[PracticeTick]) -> None:
    card.days = tick_days(user.today())[::-1]  # today first: on a phone it is what shows
    done = {(t.practice, t.day) for t in ticks if t.exercise_id == card.exercise.pk}
    chosen = card.latest.answer.get("practices", {}) if card.latest else {}
    card.tick_rows = [
        TickRow(p["id"], p["name"], [(day, (p["id"], day) in done) for day in card.days])
        for p in card.exercise.items("practices")
        if p["id"] in chosen
    ]


def written(versions: list[Response]) -> list[Response]:
    """The versions with something in them (an "answer again" not yet written is not one)."""
    return [version for version in versions if not version.exercise.is_empty(version.answer)]


def summary(
    exercises: list[Exercise], by_exercise: dict[int, list[Response]]
) -> list[tuple[Chapter, list[tuple[Exercise, Response]]]]:
    grouped: dict[int, tuple[Chapter, list[tuple[Exercise, Response]]]] = {}
    for exercise in exercises:
        versions = written(by_exercise.get(exercise.pk, []))
        if exercise.kind_spec.gathers_answers or not versions:
            continue
        grouped.setdefault(exercise.chapter_id, (exercise.chapter, []))[1].append(
            (exercise, versions[-1])
        )
    return list(grouped.values())

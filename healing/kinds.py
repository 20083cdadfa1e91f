"""What each kind of exercise is, one class per kind: the list its config declares,
its form fields, how an answer is read from the form and shown back, the shape a
stored answer must have, and how it reads as text (history, look-back, export).

Everything else (models, forms, cards, templates) asks the exercise's kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.db import models

from healing.feelings import BY_CODE, FEELINGS, INTENSITIES, FeelingsField
from healing.writing import PrivateText, too_long

if TYPE_CHECKING:
    from healing.forms import AnswerForm
    from healing.models import Exercise

MAX_ANSWER_LENGTH = 20_000
MAX_LIST_ITEMS = 100
UNKNOWN_CHOICE = "“%(value)s” is not one of the choices here. Please choose one from the list."
BAD_LIST_ACTION = (
    "That list action was not understood, so your list is unchanged. Please try again."
)


class Kind(models.TextChoices):
    REFLECTION = "reflection", "Reflection"
    CHECKLIST = "checklist", "Checklist with a note"
    FEELINGS = "feelings", "Feelings check-in"
    PRACTICE_PLAN = "practice_plan", "Practice plan"
    LIST_BUILDER = "list_builder", "List builder"
    WORKSHEET = "worksheet", "Worksheet"
    LOOKBACK = "lookback", "Look-back"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    FEW_TIMES_A_WEEK = "few-times-a-week", "A few times a week"
    WEEKLY = "weekly", "Weekly"


# An answer too long for the guide can go, whole, into the journal (the Save button
# then offers it; see Card.carry_text).
CARRY = "press Save to carry it whole into a journal entry"


def answer_text(label: str, help_text: str = "") -> PrivateText:
    return PrivateText(
        limit=MAX_ANSWER_LENGTH,
        instead=CARRY,
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _texts(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _levels(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, int) and not isinstance(v, bool) and v in INTENSITIES for v in value.values()
    )


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_blank(item) for item in value.values())
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    return not value


def _over_the_limits(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) > MAX_ANSWER_LENGTH
    if isinstance(value, dict):
        return len(value) > MAX_LIST_ITEMS or any(map(_over_the_limits, value.values()))
    if isinstance(value, list):
        return len(value) > MAX_LIST_ITEMS or any(map(_over_the_limits, value))
    return False


@dataclass(frozen=True)
class Preview:
    """One line of what a visitor sees of an exercise before signing up."""

    text: str
    detail: str = ""
    box: bool = False  # shown as a box to tick


class ExerciseKind:
    code: ClassVar[str]
    # The list the exercise's config must declare, and the keys each item needs.
    config_list: ClassVar[tuple[str, tuple[str, ...]] | None] = None
    # What a stored answer holds: each key and a check for its value.
    shape: ClassVar[dict[str, Callable[[Any], bool]]]
    # Keys of an answer stored in clear beside the sealed part (DESIGN: feeling codes).
    clear_keys: ClassVar[tuple[str, ...]] = ()
    # Plans and lists are living things, edited in place; text answers can be revisited.
    living: ClassVar[bool] = False
    tracks_days: ClassVar[bool] = False  # the days it was done are ticked (practice plans)
    gathers_answers: ClassVar[bool] = False  # shows every other answer (the look-back)
    # A template partial for the fields, when the kind draws its own (else Card.fields).
    fields_partial: ClassVar[str] = ""
    journal_link: ClassVar[str] = ""  # the words of a link to write about it in the journal

    def add_fields(self, form: AnswerForm) -> None:
        raise NotImplementedError

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        raise NotImplementedError

    def initial(self, answer: dict[str, Any]) -> dict[str, Any]:
        return {}

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        raise NotImplementedError

    def preview(self, exercise: Exercise) -> list[Preview]:
        raise NotImplementedError

    def listed(self, answer: dict[str, Any]) -> list[str]:
        """The answer's items when it is a list, to be shown as one (empty otherwise)."""
        return []

    def clean(self, form: AnswerForm, cleaned: dict[str, Any]) -> None:
        """Checks across fields, after each field's own."""

    def is_empty(self, answer: dict[str, Any]) -> bool:
        return _blank(answer)

    def check(self, answer: Any) -> None:
        """Raise ValueError unless `answer` is shaped like an answer of this kind."""
        if (
            not isinstance(answer, dict)
            or set(answer) - set(self.shape)
            or not all(check(answer[key]) for key, check in self.shape.items() if key in answer)
        ):
            raise ValueError(f"an answer is not shaped like a {self.code} answer")

    def over_the_limits(self, answer: dict[str, Any]) -> bool:
        """Whether a stored answer holds more than the form takes (an import's): a text
        past MAX_ANSWER_LENGTH, or more than MAX_LIST_ITEMS items or fields."""
        return _over_the_limits(answer)

    def check_config(self, exercise: Exercise) -> str | None:
        """What is wrong with the exercise's config, if anything (checked in the admin)."""
        if self.config_list is None:
            return None
        name, keys = self.config_list
        listed = exercise.config.get(name)
        if not listed or not isinstance(listed, list):
            return f"A {exercise.get_kind_display()} needs a list “{name}”."
        for item in listed:
            if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in keys):
                return f"Every item of “{name}” needs {' and '.join(keys)} as text."
        return None


class TextsByKey(ExerciseKind):
    """Free text per prompt (reflection, look-back) or per field (worksheet)."""

    key: ClassVar[str]  # "prompts" or "fields"
    label_key: ClassVar[str]  # what an item's visible words are called in the config

    @property
    def prefix(self) -> str:
        return self.key[:-1] + "-"

    def add_fields(self, form: AnswerForm) -> None:
        for item in form.exercise.items(self.key):
            form.fields[self.prefix + item["id"]] = answer_text(
                item[self.label_key], item.get("help", "")
            )

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        return {
            self.key: {
                name.removeprefix(self.prefix): form.cleaned_data.get(name) or ""
                for name in form.fields
                if name.startswith(self.prefix)
            }
        }

    def initial(self, answer: dict[str, Any]) -> dict[str, Any]:
        return {self.prefix + name: text for name, text in answer.get(self.key, {}).items()}

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        texts = answer.get(self.key, {})
        return [
            (item[self.label_key], texts[item["id"]])
            for item in exercise.items(self.key)
            if texts.get(item["id"])
        ]

    def preview(self, exercise: Exercise) -> list[Preview]:
        return [Preview(item[self.label_key]) for item in exercise.items(self.key)]


class Reflection(TextsByKey):
    code = Kind.REFLECTION
    key = "prompts"
    label_key = "text"
    config_list = ("prompts", ("id", "text"))
    shape = {"prompts": _texts}
    journal_link = "Write about this in your journal"


class LookBack(Reflection):
    code = Kind.LOOKBACK
    gathers_answers = True
    journal_link = ""


class Worksheet(TextsByKey):
    code = Kind.WORKSHEET
    key = "fields"
    label_key = "label"
    config_list = ("fields", ("id", "label"))
    shape = {"fields": _texts}


class Checklist(ExerciseKind):
    code = Kind.CHECKLIST
    config_list = ("options", ("id", "label"))
    shape = {"options": _text_list, "note": _is_text}

    def add_fields(self, form: AnswerForm) -> None:
        form.fields["options"] = forms.MultipleChoiceField(
            label="Where my doubt comes from",
            choices=[(o["id"], o["label"]) for o in form.exercise.items("options")],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": UNKNOWN_CHOICE},
        )
        form.fields["note"] = answer_text(form.exercise.config.get("note_label", "A note"))

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        data = form.cleaned_data
        return {"options": data.get("options") or [], "note": data.get("note") or ""}

    def initial(self, answer: dict[str, Any]) -> dict[str, Any]:
        return {"options": answer.get("options", []), "note": answer.get("note", "")}

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        chosen = answer.get("options", [])
        labels = [o["label"] for o in exercise.items("options") if o["id"] in chosen]
        pairs = [("I recognise", ", ".join(labels))] if labels else []
        return pairs + ([("Note", answer["note"])] if answer.get("note") else [])

    def preview(self, exercise: Exercise) -> list[Preview]:
        return [Preview(o["label"], box=True) for o in exercise.items("options")]


class FeelingsCheckIn(ExerciseKind):
    code = Kind.FEELINGS
    shape = {"feelings": _levels, "note": _is_text}
    clear_keys = ("feelings",)

    def add_fields(self, form: AnswerForm) -> None:
        form.fields["feelings"] = FeelingsField(
            label="What I feel, and how strongly",
            help_text="Choose as many as fit; for each, say how strongly.",
        )
        form.fields["note"] = answer_text("Anything else you want to say about it")

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        data = form.cleaned_data
        return {"feelings": data.get("feelings") or {}, "note": data.get("note") or ""}

    def initial(self, answer: dict[str, Any]) -> dict[str, Any]:
        return {"feelings": answer.get("feelings", {}), "note": answer.get("note", "")}

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        pairs = [
            (BY_CODE[code].name, INTENSITIES.get(level, ""))
            for code, level in answer.get("feelings", {}).items()
            if code in BY_CODE
        ]
        return pairs + ([("Note", answer["note"])] if answer.get("note") else [])

    def preview(self, exercise: Exercise) -> list[Preview]:
        return [Preview(feeling.name, feeling.description) for feeling in FEELINGS]


class PracticePlan(ExerciseKind):
    code = Kind.PRACTICE_PLAN
    config_list = ("practices", ("id", "name"))
    shape = {"practices": _texts}
    living = True
    tracks_days = True
    journal_link = "Journal your feelings now"

    def add_fields(self, form: AnswerForm) -> None:
        choices = [("", "Not for now"), *Frequency.choices]
        for practice in form.exercise.items("practices"):
            form.fields[f"practice-{practice['id']}"] = forms.ChoiceField(
                label=practice["name"],
                help_text=practice.get("description", ""),
                choices=choices,
                required=False,
                error_messages={"invalid_choice": UNKNOWN_CHOICE},
            )

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        data = form.cleaned_data
        plan = {
            name.removeprefix("practice-"): data.get(name)
            for name in form.fields
            if name.startswith("practice-")
        }
        return {"practices": {key: value for key, value in plan.items() if value}}

    def initial(self, answer: dict[str, Any]) -> dict[str, Any]:
        return {f"practice-{key}": value for key, value in answer.get("practices", {}).items()}

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        plan = answer.get("practices", {})
        return [
            (p["name"], Frequency(plan[p["id"]]).label)
            for p in exercise.items("practices")
            if plan.get(p["id"]) in Frequency.values
        ]

    def preview(self, exercise: Exercise) -> list[Preview]:
        return [Preview(p["name"], p.get("description", "")) for p in exercise.items("practices")]

    def chosen(self, answer: dict[str, Any]) -> list[str]:
        return list(answer.get("practices", {}))


class ListBuilder(ExerciseKind):
    """A list edited in place: items are posted as they stand, plus one action
    (add, save, remove:N, up:N, down:N)."""

    code = Kind.LIST_BUILDER
    shape = {"items": _text_list}
    living = True
    fields_partial = "healing/chapter.html#list-fields"

    def add_fields(self, form: AnswerForm) -> None:
        form.fields["new_item"] = PrivateText(
            limit=MAX_ANSWER_LENGTH,
            label=form.exercise.config.get("item_label", "A new item"),
            required=False,
            # Added to the list by its button only; autosave counts it as unsaved.
            widget=forms.TextInput(attrs={"data-autosave-pending": ""}),
        )

    def clean(self, form: AnswerForm, cleaned: dict[str, Any]) -> None:
        items = [PrivateText(limit=MAX_ANSWER_LENGTH).to_python(item) for item in form.posted_items]
        action = form.data.get(form.add_prefix("op"), "save")
        new_item = cleaned.get("new_item") or ""
        if any(len(item) > MAX_ANSWER_LENGTH for item in items):
            longest = max(map(len, items))
            form.add_error(None, too_long("Answers", MAX_ANSWER_LENGTH, longest))
        verb, _, position = action.partition(":")
        if verb in ("remove", "up", "down"):
            if not (position.isascii() and position.isdigit()) or int(position) >= len(items):
                form.add_error(None, BAD_LIST_ACTION)
            else:
                items = self._move(items, verb, int(position))
        elif verb == "add" and not new_item.strip():
            form.add_error("new_item", "Write something to add first.")
        elif verb not in ("add", "save"):
            form.add_error(None, BAD_LIST_ACTION)
        if verb in ("add", "save") and new_item.strip() and not form.autosave:
            items.append(new_item)
        form.items = [item for item in items if item.strip()]
        if len(form.items) > MAX_LIST_ITEMS:
            form.add_error(None, f"A list can hold up to {MAX_LIST_ITEMS} items.")

    @staticmethod
    def _move(items: list[str], verb: str, index: int) -> list[str]:
        items = list(items)
        if verb == "remove":
            del items[index]
        else:
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
        return items

    def answer(self, form: AnswerForm) -> dict[str, Any]:
        return {"items": form.items}

    def listed(self, answer: dict[str, Any]) -> list[str]:
        return list(answer.get("items", []))

    def describe(self, exercise: Exercise, answer: dict[str, Any]) -> list[tuple[str, str]]:
        return [(f"{n}.", item) for n, item in enumerate(answer.get("items", []), start=1)]

    def preview(self, exercise: Exercise) -> list[Preview]:
        suggestions = exercise.config.get("suggestions") or []
        detail = f"For example: {', '.join(suggestions)}" if suggestions else ""
        return [Preview(exercise.config.get("item_label", "A new item"), detail)]


KINDS: dict[str, ExerciseKind] = {
    kind.code: kind()
    for kind in (
        Reflection,
        LookBack,
        Worksheet,
        Checklist,
        FeelingsCheckIn,
        PracticePlan,
        ListBuilder,
    )
}

"""The feelings vocabulary and its picker, shared by the guide's check-in and the journal.

Loaded once from content/feelings.yaml: the guide's own words first (disbelief,
vulnerability, an aching void, sadness, anger), then common ones. Feeling codes
and intensities are stored in clear beside the sealed text, for charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django import forms
from django.utils.datastructures import MultiValueDict


@dataclass(frozen=True)
class Feeling:
    code: str
    name: str
    description: str


def _load() -> tuple[Feeling, ...]:
    path = Path(__file__).resolve().parent / "content" / "feelings.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Feeling(row["code"], row["name"], row["description"]) for row in rows)


FEELINGS: tuple[Feeling, ...] = _load()
BY_CODE: dict[str, Feeling] = {feeling.code: feeling for feeling in FEELINGS}

INTENSITIES: dict[int, str] = {1: "A little", 2: "Somewhat", 3: "Strongly", 4: "Very strongly"}
DEFAULT_INTENSITY = 2
UNKNOWN = "“%(value)s” is not one of the choices here. Please choose one from the list."


class FeelingsPicker(forms.Widget):
    """Chips: a real checkbox per feeling (`name`), and for each chosen one its
    intensity as radio buttons (`name-<code>`), revealed by CSS — no script needed."""

    template_name = "includes/feelings_picker.html"
    use_fieldset = True

    def value_from_datadict(
        self, data: MultiValueDict[str, Any], files: Any, name: str
    ) -> dict[str, str]:
        chosen = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return {code: data.get(f"{name}-{code}", "") for code in chosen}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # no box ticked is an answer too

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = {code: str(level) for code, level in (value or {}).items()}
        context["widget"]["feelings"] = [
            {
                "feeling": feeling,
                "id": f"{context['widget']['attrs'].get('id', name)}-{feeling.code}",
                "chosen": feeling.code in chosen,
                "level": chosen.get(feeling.code) or str(DEFAULT_INTENSITY),
            }
            for feeling in FEELINGS
        ]
        context["widget"]["intensities"] = [(str(n), label) for n, label in INTENSITIES.items()]
        return context

    def id_for_label(self, id_: str) -> str:
        return ""  # a group of chips: the field's label is its fieldset's legend


class FeelingsField(forms.Field):
    """{feeling code: intensity 1 to 4} for the feelings chosen; unknown codes or levels refused."""

    widget = FeelingsPicker

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dict[str, int]:
        felt = {}
        for code, level in (value or {}).items():
            if code not in BY_CODE:
                raise forms.ValidationError(UNKNOWN, "invalid_choice", {"value": code})
            if level in ("", None):
                level = DEFAULT_INTENSITY
            try:
                level = int(level)
            except (TypeError, ValueError):
                level = 0
            if level not in INTENSITIES:
                raise forms.ValidationError(UNKNOWN, "invalid_choice", {"value": level})
            felt[code] = level
        return felt

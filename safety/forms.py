from __future__ import annotations

from typing import Any

from django import forms

from healing.helplines import COUNTRIES
from healing.writing import PrivateText
from safety.models import PlanContent
from safety.steps import MAX_STEP, STEPS, Step


class PlanForm(forms.Form):
    """The whole plan, as the page sends it on every save."""

    country = forms.ChoiceField(
        required=False,
        label="Where I live",
        choices=[("", "Somewhere else")] + [(c.code, c.name) for c in COUNTRIES.values()],
        error_messages={"invalid_choice": "Choose a country from the list, or “Somewhere else”."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for step in STEPS:
            self.fields[step.key] = PrivateText(
                limit=MAX_STEP,
                what="Each step",
                instead="split it between steps",
                required=False,
                label=step.title,
                help_text=step.explanation,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def rows(self) -> list[tuple[Step, forms.BoundField]]:
        """Each step of the plan beside its field, in the plan's order."""
        return [(step, self[step.key]) for step in STEPS]

    def content(self) -> PlanContent:
        data = self.cleaned_data
        return PlanContent(
            steps={step.key: data[step.key] for step in STEPS}, country=data["country"]
        )

    @staticmethod
    def initial_from(content: PlanContent) -> dict[str, str]:
        return {**content.steps, "country": content.country}

from __future__ import annotations

from healing.writing import new_editor_id
from safety.models import PlanContent, SafetyPlan


def make_plan(user, **steps: str) -> SafetyPlan:
    return SafetyPlan.objects.record(user, PlanContent(steps=steps), (0, new_editor_id()))


def plan_post(**fields: str) -> dict[str, str]:
    """A whole plan as the page posts it."""
    return {"country": "", "base": "0", "editor": "this-page-001", **fields}

"""The safety plan's part of a person's export, import and account deletion."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.utils.dateparse import parse_datetime

from accounts import crypto, portability
from healing.writing import new_editor_id
from safety.forms import PlanForm
from safety.models import PlanContent, PlanVersion, SafetyPlan
from safety.steps import STEPS

if TYPE_CHECKING:
    from accounts.models import User


def export(user: User) -> dict[str, Any] | None:
    plan = SafetyPlan.objects.filter(user=user).first()
    if plan is None:
        return None
    return {
        **plan.content().as_json(),
        "created_at": plan.created_at.isoformat(),
        "updated_at": plan.updated_at.isoformat(),
        "versions": [
            {
                "code": str(version.code),
                "kind": version.kind,
                "snapshot": version.snapshot,
                "written_at": version.written_at.isoformat(),
                "created_at": version.created_at.isoformat(),
            }
            for version in plan.versions.order_by("created_at", "pk")
        ],
    }


def _moment(value: Any) -> Any:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        raise ValueError(f"{value!r} is not a date and time")
    return moment


def _checked(data: dict[str, Any]) -> PlanContent:
    """The plan as the page would take it; a plan past the page's limits is refused."""
    content = PlanContent.from_json(data)
    form = PlanForm(PlanForm.initial_from(content))
    if not form.is_valid():
        raise ValueError(" ".join(e for errors in form.errors.values() for e in errors))
    return form.content()


def restore(user: User, data: dict[str, Any] | None) -> dict[str, int]:
    """An account that has a plan keeps it; an account without one gets the exported one."""
    if data is None or SafetyPlan.objects.filter(user=user).exists():
        return {"safety_plan": 0}
    plan = SafetyPlan(user=user, created_at=_moment(data["created_at"]))
    plan.apply(_checked(data), editor=new_editor_id())
    for item in data.get("versions", []):
        code = uuid.UUID(item["code"])
        if PlanVersion.objects.filter(code=code).exists():
            code = uuid.UUID(hex=crypto.keyed_hash(user, f"import:{code}"))
        PlanVersion.objects.create(
            plan=plan,
            user=user,
            code=code,
            kind=PlanVersion.Kind(item["kind"]),
            snapshot=_checked(item["snapshot"]).as_json(),
            written_at=_moment(item["written_at"]),
            created_at=_moment(item["created_at"]),
        )
    # auto_now would stamp the import time; keep the exported one.
    SafetyPlan.objects.filter(pk=plan.pk).update(updated_at=_moment(data["updated_at"]))
    return {"safety_plan": 1}


def markdown(user: User) -> dict[str, str]:
    plan = SafetyPlan.objects.filter(user=user).first()
    if plan is None:
        return {}
    content = plan.content()
    lines = ["# My safety plan", ""]
    for step in STEPS:
        lines += [f"## {step.title}", "", content.steps[step.key] or "(empty)", ""]
    return {"safety-plan.md": "\n".join(lines)}


def register() -> None:
    portability.register(
        portability.Part(
            name="safety_plan",
            models={"safety.SafetyPlan": "user", "safety.PlanVersion": "user"},
            export=export,
            restore=restore,
            markdown=markdown,
        )
    )

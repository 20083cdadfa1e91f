from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.sealed import SealedField
from healing.helplines import COUNTRIES
from healing.writing import Snapshot, Stale, Versioned
from safety.steps import KEYS, STEPS

if TYPE_CHECKING:
    from accounts.models import User

# Saves from one page within this time make one version; after it, the plan as it
# was is kept as an earlier version.
VERSION_WINDOW = datetime.timedelta(minutes=10)


@dataclass
class PlanContent:
    """Everything a person writes in their safety plan, as plain values."""

    steps: dict[str, str] = field(default_factory=dict)
    country: str = ""

    def __post_init__(self) -> None:
        self.steps = {key: self.steps.get(key, "") for key in KEYS}

    def is_empty(self) -> bool:
        return not any(text.strip() for text in self.steps.values())

    def describe(self) -> list[tuple[str, str]]:
        """As (label, text) pairs, in the plan's order: the conflict view compares these."""
        pairs = [(step.title, self.steps[step.key]) for step in STEPS]
        if self.country in COUNTRIES:
            pairs.append(("Country for crisis lines", COUNTRIES[self.country].name))
        return [(label, text) for label, text in pairs if text]

    def as_json(self) -> dict[str, Any]:
        return {"steps": dict(self.steps), "country": self.country}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanContent:
        steps = data.get("steps", {})
        if not isinstance(steps, dict) or not all(isinstance(v, str) for v in steps.values()):
            raise ValueError("a plan's steps are texts")
        return cls(steps={key: steps.get(key, "") for key in KEYS}, country=data.get("country", ""))


class SafetyPlanQuerySet(models.QuerySet["SafetyPlan"]):
    def record(
        self, user: User, content: PlanContent, stamp: tuple[int, str], keep_as: str | None = None
    ) -> SafetyPlan:
        """Save the person's plan from a page that started at save counter `stamp[0]`,
        with editor id `stamp[1]`; the first save creates it.

        Raises Stale, with this page's text kept aside, when another page saved first.
        `keep_as` keeps the plan being replaced as a version of that kind, whatever
        the stamp says (settling a conflict, saving a plan made before signing in)."""
        try:
            plan, aside = self._record_once(user, content, stamp, keep_as)
        except IntegrityError:  # created meanwhile by another page
            plan, aside = self._record_once(user, content, stamp, keep_as)
        if aside is not None:
            raise Stale(plan, aside)
        return plan

    @transaction.atomic
    def _record_once(
        self, user: User, content: PlanContent, stamp: tuple[int, str], keep_as: str | None
    ) -> tuple[SafetyPlan, PlanVersion | None]:
        editor = stamp[1]
        plan = self.select_for_update().filter(user=user).first()
        if plan is None:
            plan = SafetyPlan(user=user)
            plan.apply(content, editor)
            return plan, None
        return plan, plan.write_from_page(content, stamp, keep_as is None, keep_as=keep_as)


class SafetyPlan(Versioned):
    """A person's own safety plan: one per person, sealed with their key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    content_json = SealedField(codec="json", owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    period_started_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SafetyPlanQuerySet.as_manager()

    def __str__(self) -> str:
        # Never decrypts: the admin's history stores this.
        return f"Safety plan {self.pk}"

    def content(self) -> PlanContent:
        return PlanContent.from_json(self.content_json or {})

    def describe(self) -> list[tuple[str, str]]:
        return self.content().describe()

    def apply(self, content: PlanContent, editor: str, keep_as: str | None = None) -> None:
        """Write `content` as this page's save. What it replaces becomes an earlier
        version when another page wrote it, its run of saves is over, or `keep_as` says so."""
        now = timezone.now()
        over = self.editor != editor or now - self.period_started_at > VERSION_WINDOW
        if self.pk and (keep_as or over):
            PlanVersion.objects.snapshot(self, keep_as or PlanVersion.Kind.EARLIER)
            self.period_started_at = now
        self.content_json = content.as_json()
        self.stamp_write(editor)
        self.save()

    def keep_aside(self, content: PlanContent, editor: str) -> PlanVersion:
        return PlanVersion.objects.keep_aside(self, content, editor)


class PlanVersion(Snapshot):
    """An earlier state of a plan, or (ASIDE) a page's text kept in a conflict."""

    OF = "plan"
    CONTENT = PlanContent

    class Kind(models.TextChoices):
        EARLIER = "earlier", "Earlier version"
        ASIDE = "aside", "From another tab"
        REPLACED = "replaced", "Before a plan made without signing in replaced it"
        BEFORE_RESTORE = "before-restore", "Before going back to an earlier version"

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="versions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan_versions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    def __str__(self) -> str:
        return f"Safety plan version {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("safety:version", args=[self.code])

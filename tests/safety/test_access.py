"""Nobody but the owner reaches a safety plan or its versions."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from safety.models import PlanContent, SafetyPlan
from tests.safety.factories import make_plan

pytestmark = pytest.mark.django_db


def test_an_unknown_version_is_the_same_404(auth_client):
    assert auth_client.get(reverse("safety:version", args=[uuid.uuid4()])).status_code == 404


def test_another_persons_plan_is_never_shown_or_changed(auth_client, user, other_user):
    make_plan(user, reasons="Mine only")
    auth_client.force_login(other_user)

    for name in ("safety:plan", "safety:print", "safety:versions"):
        assert "Mine only" not in auth_client.get(reverse(name)).content.decode()
    auth_client.post(reverse("safety:plan"), {"reasons": "Theirs", "base": "1", "editor": "x" * 12})

    assert SafetyPlan.objects.get(user=user).content().steps["reasons"] == "Mine only"
    assert SafetyPlan.objects.get(user=other_user).content().steps["reasons"] == "Theirs"


def test_a_conflict_cannot_be_settled_with_another_persons_version(auth_client, user, other_user):
    plan = make_plan(user, reasons="Mine")
    aside = plan.keep_aside(PlanContent(steps={"reasons": "Aside"}), "elsewhere-01")
    make_plan(other_user, reasons="Theirs")
    auth_client.force_login(other_user)

    response = auth_client.post(
        reverse("safety:plan"),
        {"resolve": str(aside.code), "keep": "mine", "base": "1", "editor": "x" * 12},
    )

    assert response.status_code == 404
    assert SafetyPlan.objects.get(user=other_user).content().steps["reasons"] == "Theirs"

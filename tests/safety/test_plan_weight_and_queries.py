"""The plan's pages stay light, and a fixed number of queries whatever the plan holds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safety.models import PlanContent, SafetyPlan
from tests.healing.test_page_weight import BUDGET_BYTES, transferred_weight
from tests.safety.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/safety-plan/", "/pause/"])
def test_a_visitors_pages_weigh_under_60_kb_transferred(client, path):
    assert transferred_weight(client.get(path).content.decode()) < BUDGET_BYTES


def test_a_full_plan_weighs_under_60_kb_transferred(auth_client, user):
    make_plan(user, **{key: "A line of my plan\n" * 20 for key in PlanContent().steps})

    for name in ("safety:plan", "safety:print"):
        html = auth_client.get(reverse(name)).content.decode()
        assert transferred_weight(html) < BUDGET_BYTES, name


@pytest.mark.parametrize("name", ["safety:plan", "safety:print", "safety:versions"])
def test_the_plans_pages_take_few_queries_however_many_versions(
    auth_client, user, name, django_assert_max_num_queries
):
    make_plan(user, reasons="First")
    for n in range(5):
        SafetyPlan.objects.record(
            user, PlanContent(steps={"reasons": f"v{n}"}), (n + 1, f"page-{n:08d}")
        )

    with django_assert_max_num_queries(10):
        assert auth_client.get(reverse(name)).status_code == 200

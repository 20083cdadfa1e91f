"""A plan and its versions are part of export, import and account deletion."""

from __future__ import annotations

import json

import pytest

from accounts import portability
from safety.models import PlanContent, PlanVersion, SafetyPlan
from tests.accounts.helpers import reauthenticate
from tests.safety.factories import make_plan

pytestmark = pytest.mark.django_db

# As the page stores it: line breaks already "\n" (the form normalises them).
TRICKY = "  Line one\nLine two\t“quoted” — émoji 💙 <b>not html</b>\n\n"


@pytest.fixture
def planned(user):
    make_plan(user, reasons="First", ask_for_help="Sam — 07700 900123")
    SafetyPlan.objects.record(user, PlanContent(steps={"reasons": TRICKY}), (1, "x" * 12))
    return user


def exported(user) -> str:
    data = portability.export_data(user)["safety_plan"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def test_the_plan_registers_every_model_that_holds_a_persons_rows():
    assert set(portability.PARTS["safety_plan"].models) == {
        "safety.SafetyPlan",
        "safety.PlanVersion",
    }


def test_export_then_import_into_a_new_account_is_byte_identical(planned, other_user):
    before = exported(planned)

    report = portability.import_data(other_user, portability.export_data(planned))

    assert report["safety_plan"] == {"safety_plan": 1}
    # The version codes are taken by the first account, so the copy's are derived anew.
    mine = json.loads(before)
    theirs = json.loads(exported(other_user))
    for data in (mine, theirs):
        for version in data["versions"]:
            version.pop("code")
    assert theirs == mine
    assert SafetyPlan.objects.get(user=other_user).content().steps["reasons"] == TRICKY


def test_import_into_the_same_account_after_deleting_the_plan_is_byte_identical(planned):
    data = portability.export_data(planned)
    before = exported(planned)
    SafetyPlan.objects.filter(user=planned).delete()

    portability.import_data(planned, data)

    assert exported(planned) == before


def test_import_never_replaces_a_plan_already_there(planned):
    data = portability.export_data(planned)
    SafetyPlan.objects.record(planned, PlanContent(steps={"reasons": "Now"}), (2, "y" * 12))

    report = portability.import_data(planned, data)

    assert report["safety_plan"] == {"safety_plan": 0}
    assert SafetyPlan.objects.get(user=planned).content().steps["reasons"] == "Now"


def test_a_damaged_plan_is_explained_and_nothing_is_restored(other_user):
    data = {"format": portability.FORMAT, "version": portability.VERSION}
    data["safety_plan"] = {"steps": {"reasons": 5}, "created_at": "2026-01-01T00:00:00+00:00"}

    with pytest.raises(portability.UnreadableExport, match="safety_plan"):
        portability.import_data(other_user, data)

    assert not SafetyPlan.objects.exists()


def test_a_plan_over_the_limits_is_refused(other_user):
    data = {"format": portability.FORMAT, "version": portability.VERSION}
    data["safety_plan"] = {
        "steps": {"reasons": "x" * 5001},
        "country": "",
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
    }

    with pytest.raises(portability.UnreadableExport, match="5,000"):
        portability.import_data(other_user, data)


def test_the_readable_export_holds_the_plan(planned):
    files = portability.PARTS["safety_plan"].markdown(planned)

    assert "## The reasons that matter most to me" in files["safety-plan.md"]
    assert TRICKY in files["safety-plan.md"]


def test_an_account_without_a_plan_exports_none(user):
    assert portability.export_data(user)["safety_plan"] is None
    assert portability.import_data(user, {"safety_plan": None}) == {
        "safety_plan": {"safety_plan": 0}
    }


def test_deleting_the_account_deletes_the_plan_and_its_versions(auth_client, planned, other_user):
    make_plan(other_user, reasons="Someone else's")
    reauthenticate(auth_client)

    response = auth_client.post("/settings/delete/", {"confirmation": "Delete my account"})

    assert response.status_code == 302
    assert list(SafetyPlan.objects.values_list("user", flat=True)) == [other_user.pk]
    assert not PlanVersion.objects.filter(user=planned.pk).exists()

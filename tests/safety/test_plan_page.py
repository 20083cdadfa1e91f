"""The safety plan page: a visitor's plan stays in the page; a signed-in person's is
saved as they write, sealed, with its earlier versions kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safety.models import PlanVersion, SafetyPlan
from safety.steps import MAX_STEP, STEPS
from tests.database import raw_dump, stored
from tests.safety.factories import make_plan, plan_post

pytestmark = pytest.mark.django_db

URL = "/safety-plan/"
HTMX = {"HX-Request": "true"}


def test_a_visitor_gets_a_page_that_sends_nothing(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "none of it is sent to us or stored anywhere" in html
    assert "data-autosave" not in html
    assert 'method="post"' not in html  # the visitor's form has nowhere to go
    assert "js/autosave.js" not in html
    for step in STEPS:
        assert step.title in html


def test_a_visitors_sign_up_link_opens_in_a_new_tab(client):
    html = client.get(URL).content.decode()

    assert f'<a href="{reverse("account_signup")}" target="_blank" rel="noopener">' in html


def test_a_visitor_cannot_store_a_plan(client):
    response = client.post(URL, plan_post(reasons="My dog", adopt="1"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SafetyPlan.objects.exists()


def test_a_new_plan_starts_with_the_crisis_lines_of_the_persons_time_zone(auth_client, user):
    user.time_zone = "Europe/London"
    user.save()

    html = auth_client.get(URL).content.decode()

    assert '<option value="GB" selected>United Kingdom</option>' in html
    assert "Samaritans: call 116 123, free, day or night" in html  # in the textarea
    assert '<a href="tel:116123">116 123</a>' in html


def test_a_time_zone_of_another_country_preselects_nothing(auth_client, user):
    user.time_zone = "Asia/Tokyo"
    user.save()

    html = auth_client.get(URL).content.decode()

    assert '<option value="" selected>Somewhere else</option>' in html


def test_autosave_stores_the_plan_sealed_and_shows_it_back(auth_client, user):
    canary = "canary-sea-glass-7741"

    response = auth_client.post(
        URL, plan_post(reasons=f"  {canary}\r\nline two ", autosave="1"), headers=HTMX
    )

    assert response.status_code == 200
    assert 'data-base="1"' in response.content.decode()
    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == f"  {canary}\nline two "
    assert canary not in stored(plan, "content_json")
    assert canary not in raw_dump()
    assert canary in auth_client.get(URL).content.decode()


def test_a_plain_save_redirects_back_to_the_plan(auth_client, user):
    response = auth_client.post(URL, plan_post(on_my_own="A walk", country="AU"))

    assert response.status_code == 302
    assert response["Location"] == URL
    assert SafetyPlan.objects.get(user=user).content().country == "AU"


def test_a_step_that_is_too_long_is_refused_with_a_clear_message(auth_client):
    too_long = "x" * (MAX_STEP + 1)

    response = auth_client.post(URL, plan_post(reasons=too_long, autosave="1"), headers=HTMX)

    assert response.status_code == 400
    assert "Each step can be up to 5,000 characters" in response.content.decode()
    assert not SafetyPlan.objects.exists()


def test_an_unknown_country_is_refused_and_the_text_stays_on_the_page(auth_client):
    response = auth_client.post(URL, plan_post(reasons="Kept", country="ZZ"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a country from the list" in html
    assert "Kept</textarea>" in html
    assert not SafetyPlan.objects.exists()


def test_a_save_from_a_page_that_had_not_seen_the_latest_plan_is_kept_aside(auth_client, user):
    make_plan(user, reasons="From the phone")

    response = auth_client.post(
        URL, plan_post(reasons="From the laptop", autosave="1"), headers=HTMX
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "also changed in another tab" in html
    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == "From the phone"
    aside = plan.versions.get(kind=PlanVersion.Kind.ASIDE)
    assert aside.content().steps["reasons"] == "From the laptop"


@pytest.mark.parametrize(("keep", "expected"), [("theirs", "Phone"), ("mine", "Laptop")])
def test_a_conflict_ends_as_the_person_chooses(auth_client, user, keep, expected):
    plan = make_plan(user, reasons="Phone")
    auth_client.post(URL, plan_post(reasons="Laptop", autosave="1"), headers=HTMX)
    aside = plan.versions.get(kind=PlanVersion.Kind.ASIDE)

    response = auth_client.post(
        URL, {"resolve": str(aside.code), "keep": keep, "base": "1", "editor": "this-page-001"}
    )

    assert response.status_code == 302
    assert SafetyPlan.objects.get(user=user).content().steps["reasons"] == expected


def test_a_later_save_from_another_page_keeps_the_plan_before_it_as_a_version(auth_client, user):
    make_plan(user, reasons="First")

    auth_client.post(URL, plan_post(reasons="Second", base="1", autosave="1"), headers=HTMX)

    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == "Second"
    earlier = plan.versions.get()
    assert earlier.kind == PlanVersion.Kind.EARLIER
    assert earlier.content().steps["reasons"] == "First"
    page = auth_client.get(reverse("safety:versions")).content.decode()
    assert earlier.get_absolute_url() in page
    assert "First" in auth_client.get(earlier.get_absolute_url()).content.decode()


def test_going_back_to_an_earlier_version_keeps_the_plan_it_replaces(auth_client, user):
    make_plan(user, reasons="First")
    auth_client.post(URL, plan_post(reasons="Second", base="1", autosave="1"), headers=HTMX)
    earlier = SafetyPlan.objects.get(user=user).versions.get()
    assert "Go back to this version" in auth_client.get(earlier.get_absolute_url()).content.decode()

    response = auth_client.post(reverse("safety:restore", args=[earlier.code]), follow=True)

    assert "Your plan is back to that version" in response.content.decode()
    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == "First"
    kept = plan.versions.get(kind=PlanVersion.Kind.BEFORE_RESTORE)
    assert kept.content().steps["reasons"] == "Second"


def test_saves_from_one_page_in_a_row_make_one_version(auth_client, user):
    for text in ("a", "ab", "abc"):
        auth_client.post(URL, plan_post(reasons=text, base=str(len(text) - 1), autosave="1"))

    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == "abc"
    assert plan.versions.count() == 0


def test_a_plan_made_before_signing_in_is_saved_without_losing_the_one_already_kept(
    auth_client, user
):
    make_plan(user, reasons="Kept before")

    response = auth_client.post(URL, plan_post(reasons="Made as a visitor", adopt="1"))

    assert response.status_code == 302
    plan = SafetyPlan.objects.get(user=user)
    assert plan.content().steps["reasons"] == "Made as a visitor"
    replaced = plan.versions.get(kind=PlanVersion.Kind.REPLACED)
    assert replaced.content().steps["reasons"] == "Kept before"


def test_the_signed_in_check_says_only_whether_someone_is_signed_in(client, user):
    assert client.get(reverse("safety:signed-in")).json() == {"signed_in": False}
    client.force_login(user)

    answer = client.get(reverse("safety:signed-in")).json()

    assert answer["signed_in"] is True
    assert answer["csrf"]


def test_the_printable_view_has_tappable_numbers(auth_client, user):
    make_plan(user, ask_for_help="Sam — 07700 900123", reasons="<b>not html</b>")

    html = auth_client.get(reverse("safety:print")).content.decode()

    assert '<a href="tel:07700900123">07700 900123</a>' in html
    assert 'href="sms:07700900123"' in html
    assert "&lt;b&gt;not html&lt;/b&gt;" in html


@pytest.mark.parametrize("name", ["safety:print", "safety:versions"])
def test_private_pages_ask_a_visitor_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["safety:plan", "safety:print", "safety:pause"])
def test_wrong_method_is_refused(auth_client, name):
    assert auth_client.delete(reverse(name)).status_code == 405


def test_the_plan_is_never_in_the_admin():
    from django.contrib import admin

    assert not admin.site.is_registered(SafetyPlan)
    assert not admin.site.is_registered(PlanVersion)


def test_saving_from_the_visitor_page_answers_the_page_which_then_shows_the_plan(auth_client, user):
    response = auth_client.post(
        URL, plan_post(reasons="Made as a visitor", adopt="1"), headers=HTMX
    )

    assert response.status_code == 204
    assert "Your safety plan is saved" in auth_client.get(URL).content.decode()
    assert SafetyPlan.objects.get(user=user).content().steps["reasons"] == "Made as a visitor"

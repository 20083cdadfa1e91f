from __future__ import annotations

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.test import Client

from accounts import portability
from accounts.models import User
from tests.accounts.factories import PASSWORD
from tests.accounts.helpers import reauthenticate

# Models linked to a person that are deliberately not exported, each with why and
# the lookup from the model to its owner (so deletion can be checked too).
NOT_EXPORTED = {
    "account.EmailConfirmation": ("email_address__user", "short-lived confirmation keys"),
    "mfa.Authenticator": ("user", "2FA secrets never leave; set them up again after a restore"),
    "usersessions.UserSession": ("user", "where the person is signed in right now"),
    "admin.LogEntry": ("user", "a staff member's own actions in the admin"),
    "accounts.User_groups": ("user", "staff permissions"),
    "accounts.User_user_permissions": ("user", "staff permissions"),
    "account.EmailAddress": ("user", "exported for reading; restored only by verifying again"),
}


def linked_to_user(model, depth: int = 3) -> bool:
    if model is User:
        return True
    if depth == 0:
        return False
    return any(
        field.concrete
        and (field.many_to_one or field.one_to_one)
        and linked_to_user(field.related_model, depth - 1)
        for field in model._meta.get_fields()
    )


def owner_lookups() -> dict[str, str]:
    lookups = {label: lookup for label, (lookup, _) in NOT_EXPORTED.items()}
    for part in portability.PARTS.values():
        lookups.update(part.models)
    return lookups


def test_every_model_linked_to_a_person_is_covered_by_export_and_deletion():
    linked = {
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if linked_to_user(model)
    }

    assert linked - set(owner_lookups()) == set()


def test_deleting_asks_for_the_password_again(auth_client):
    response = auth_client.get("/settings/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_a_wrong_confirmation_deletes_nothing(auth_client, user):
    reauthenticate(auth_client)

    response = auth_client.post("/settings/delete/", {"confirmation": "delete it"})

    assert response.status_code == 400
    assert "That does not match" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_an_empty_confirmation_is_explained(auth_client, user):
    reauthenticate(auth_client)

    response = auth_client.post("/settings/delete/", {})

    assert response.status_code == 400
    assert "to confirm" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_removes_every_row_of_the_person_and_ends_every_session(user, other_user):
    here = Client()
    here.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    elsewhere = Client()
    elsewhere.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    reauthenticate(here)
    user_id = user.pk

    response = here.post("/settings/delete/", {"confirmation": "Delete my account"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in here.session
    assert elsewhere.get("/settings/").status_code == 302
    for label, lookup in owner_lookups().items():
        model = apps.get_model(label)
        assert not model.objects.filter(**{lookup: user_id}).exists(), label
    assert User.objects.filter(pk=other_user.pk).exists()
    assert "have been deleted" in here.get("/").content.decode()

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY
from django.test import Client

from accounts import crypto
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import reauthenticate, totp_code
from tests.database import raw_dump


@pytest.fixture(autouse=True)
def _one_period_of_tolerance(settings):
    # A code computed at a 30-second boundary may be checked in the next period.
    settings.MFA_TOTP_TOLERANCE = 1


def activate_totp(client) -> str:
    reauthenticate(client)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret, time.time())})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def log_in_with_password(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session


def test_with_two_factor_on_signing_in_needs_the_code(auth_client, client, user):
    secret = activate_totp(auth_client)

    log_in_with_password(client, user)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, time.time())})

    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_wrong_code_does_not_sign_you_in(auth_client, client, user):
    activate_totp(auth_client)
    log_in_with_password(client, user)

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_recovery_code_works_once_only(auth_client, client, user):
    activate_totp(auth_client)
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    code = codes.get_unused_codes()[0]

    log_in_with_password(client, user)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert client.session[SESSION_KEY] == str(user.pk)

    client.post("/accounts/logout/")
    log_in_with_password(client, user)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert SESSION_KEY not in client.session


def test_two_factor_secrets_are_not_in_the_database_in_clear(auth_client, user):
    secret = activate_totp(auth_client)
    recovery = Authenticator.objects.get(user=user, type="recovery_codes")
    seed = crypto.decrypt_with_master(recovery.data["seed"])

    dump = raw_dump()

    assert secret not in dump
    assert seed not in dump
    assert RecoveryCodes(recovery).get_unused_codes()[0] not in dump


def test_activating_two_factor_asks_for_the_password_again(auth_client):
    response = auth_client.get("/accounts/2fa/totp/activate/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_a_secret_copied_into_another_persons_row_verifies_nothing(user, other_user):
    """Acceptance: staff (or anyone with the ORM) copy one person's authenticator data
    into another's row; that row's codes then fail with the usual message."""
    mine = Client()
    mine.force_login(user)
    my_secret = activate_totp(mine)
    theirs = Client()
    theirs.force_login(other_user)
    activate_totp(theirs)
    for kind in ("totp", "recovery_codes"):
        source = Authenticator.objects.get(user=user, type=kind)
        Authenticator.objects.filter(user=other_user, type=kind).update(data=source.data)
    my_recovery_code = RecoveryCodes(
        Authenticator.objects.get(user=user, type="recovery_codes")
    ).get_unused_codes()[0]

    attacker = Client()
    log_in_with_password(attacker, other_user)
    for code in (totp_code(my_secret, time.time()), my_recovery_code):
        response = attacker.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
    assert SESSION_KEY not in attacker.session

    owner = Client()  # the owner's own row still works (the next period's code is unused)
    log_in_with_password(owner, user)
    owner.post("/accounts/2fa/authenticate/", {"code": totp_code(my_secret, time.time() + 30)})
    assert owner.session[SESSION_KEY] == str(user.pk)


def test_staff_have_no_admin_for_two_factor_secrets_or_sessions(client, user):
    staff = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)

    assert client.get("/admin/mfa/authenticator/").status_code == 404
    assert client.get("/admin/usersessions/usersession/").status_code == 404
    assert "Authenticator" not in client.get("/admin/").content.decode()

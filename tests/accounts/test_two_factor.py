from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY

from accounts import crypto
from tests.accounts.factories import PASSWORD
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

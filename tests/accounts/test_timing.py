"""Sign-up, sign-in and password reset do the same costly work whether or not the
address has an account: the time taken tells nobody anything.

Each path is counted in password hashes (the one costly step) with a real hasher
that counts its own calls, not timed: a wall-clock threshold would be flaky.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

PASSPHRASE = "quiet mornings by the river"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_timing.CountingHasher"]
    CountingHasher.calls = 0

    def count(action) -> int:
        CountingHasher.calls = 0
        action()
        return CountingHasher.calls

    return count


def test_sign_up_hashes_the_password_once_whether_or_not_the_address_is_taken(client, user, hashes):
    def sign_up(email):
        def action():
            response = client.post(
                "/accounts/signup/",
                {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE},
            )
            assert response.status_code == 302

        return action

    assert hashes(sign_up(user.email)) == hashes(sign_up("fresh@example.com")) == 1


def test_sign_in_hashes_once_for_a_wrong_password_and_for_an_unknown_address(client, user, hashes):
    def log_in(email):
        return lambda: client.post("/accounts/login/", {"login": email, "password": "not it!"})

    assert hashes(log_in(user.email)) == hashes(log_in("nobody@example.com")) == 1


def test_password_reset_hashes_nothing_on_either_path(client, user, hashes):
    def reset(email):
        return lambda: client.post("/accounts/password/reset/", {"email": email})

    assert hashes(reset(user.email)) == hashes(reset("nobody@example.com")) == 0

from __future__ import annotations

from django.contrib.auth import SESSION_KEY

from tests.accounts.factories import PASSWORD


def log_in(client, email, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": email, "password": password, **extra})


def test_the_right_password_signs_you_in(client, user):
    response = log_in(client, user.email)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_sixth_wrong_password_in_five_minutes_locks_even_the_right_one_out(client, user):
    for _ in range(5):
        assert log_in(client, user.email, "wrong password!").status_code == 200

    response = log_in(client, user.email)

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_session_key_changes_at_login(client, user):
    client.get("/accounts/login/")
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    log_in(client, user.email)

    assert client.session.session_key != before


def test_without_remember_me_the_session_ends_with_the_browser(client, user):
    log_in(client, user.email)

    assert client.session.get_expire_at_browser_close()


def test_remember_me_keeps_you_signed_in_for_two_weeks(client, user):
    log_in(client, user.email, remember="on")

    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 14 * 24 * 60 * 60


def test_logging_out_needs_a_post(auth_client, user):
    auth_client.get("/accounts/logout/")
    assert SESSION_KEY in auth_client.session

    auth_client.post("/accounts/logout/")

    assert SESSION_KEY not in auth_client.session


def test_the_admin_signs_in_through_allauth(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"])["Location"].startswith("/accounts/login/")


def test_people_who_are_not_staff_cannot_enter_the_admin(auth_client):
    assert auth_client.get("/admin/login/").status_code == 403

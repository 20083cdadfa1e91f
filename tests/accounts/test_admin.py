from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from accounts import crypto
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory


@pytest.fixture
def staff_client(client, db):
    staff = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def test_staff_can_list_people_without_seeing_key_material(staff_client, user):
    html = staff_client.get("/admin/accounts/user/").content.decode()
    html += staff_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()

    assert user.email in html
    assert user.wrapped_data_key not in html
    assert crypto.master().decrypt(user.wrapped_data_key.encode()).decode() not in html
    assert "wrapped_data_key" not in html


def test_staff_cannot_create_people_in_the_admin(staff_client):
    assert staff_client.get("/admin/accounts/user/add/").status_code == 403


def test_deleting_a_person_in_the_admin_ends_their_sessions(staff_client, user):
    theirs = Client()
    theirs.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    their_session = theirs.session.session_key

    response = staff_client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Session.objects.filter(session_key=their_session).exists()

from __future__ import annotations

import pytest

from accounts import crypto
from tests.accounts.factories import UserFactory


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

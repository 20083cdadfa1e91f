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


def test_staff_never_see_a_persons_display_name(staff_client, user):
    user.display_name = "Only-mine-Sam"
    user.save()

    html = staff_client.get("/admin/accounts/user/").content.decode()
    html += staff_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    html += staff_client.get("/admin/accounts/user/?q=Only-mine").content.decode()

    assert "Only-mine-Sam" not in html
    assert User.objects.get(pk=user.pk).display_name == "Only-mine-Sam"


def test_the_display_name_is_sealed_in_the_database(user):
    user.display_name = "Only-mine-Sam"
    user.save()

    stored = User.objects.filter(pk=user.pk).values_list("display_name", flat=True).get()

    assert "Only-mine" not in stored
    assert crypto.decrypt(user, stored) == "Only-mine-Sam"


def test_the_migration_seals_names_already_stored(transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0002_on_this_day")])
    Old = executor.loader.project_state([("accounts", "0002_on_this_day")]).apps.get_model(
        "accounts", "User"
    )
    old = Old.objects.create(
        email="old@example.com", display_name="Sam", wrapped_data_key=crypto.new_wrapped_data_key()
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    person = User.objects.get(pk=old.pk)
    assert person.display_name == "Sam"
    with connection.cursor() as cursor:
        cursor.execute("SELECT display_name FROM accounts_user WHERE id = %s", [old.pk])
        assert cursor.fetchone()[0] != "Sam"

from __future__ import annotations

from io import StringIO

from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.test import Client

from tests.accounts.factories import PASSWORD


def test_it_removes_what_is_left_of_ended_sessions_and_keeps_live_ones(user):
    live = Client(HTTP_USER_AGENT="Live Browser")
    live.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    UserSession.objects.create(
        user=user, ip="203.0.113.9", session_key="gone" * 8, user_agent="Old"
    )
    out = StringIO()

    call_command("clear_expired_sessions", stdout=out)

    assert list(UserSession.objects.values_list("user_agent", flat=True)) == ["Live Browser"]
    assert "Removed 1 records" in out.getvalue()
    assert live.get("/settings/").status_code == 200

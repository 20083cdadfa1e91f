from __future__ import annotations

import datetime

from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import middleware
from tests.accounts.factories import PASSWORD

LAPTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def signed_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def session_of(client: Client) -> UserSession:
    return UserSession.objects.get(session_key=client.session.session_key)


def activity_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "usersessions_usersession"')
    ]


def test_the_sessions_page_names_each_device_in_words_and_marks_this_one(user):
    signed_in(user, PHONE)
    laptop = signed_in(user, LAPTOP)

    html = laptop.get("/accounts/sessions/").content.decode()

    assert "<strong>Chrome on Linux</strong> — this device" in html
    assert "<strong>Safari on iPhone</strong>\n" in html
    assert "Mozilla/5.0" not in html


def test_last_active_is_shown_in_the_persons_time_zone(user):
    user.time_zone = "Asia/Tokyo"
    user.save()
    phone = signed_in(user, PHONE)
    laptop = signed_in(user, LAPTOP)
    # 20:30 UTC on 1 March is 05:30 on 2 March in Tokyo.
    UserSession.objects.filter(pk=session_of(phone).pk).update(
        last_seen_at=datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)
    )

    html = laptop.get("/accounts/sessions/").content.decode()

    assert "Times are in your time zone, Asia/Tokyo." in html
    assert "Last active 2 March 2026 at 05:30." in html
    assert "Last active today at" in html  # this device, just now


def test_the_button_says_it_signs_out_the_other_devices(user):
    laptop = signed_in(user, LAPTOP)
    assert (
        "You are signed in on this device only."
        in laptop.get("/accounts/sessions/").content.decode()
    )

    signed_in(user, PHONE)
    html = laptop.get("/accounts/sessions/").content.decode()

    assert '<button type="submit">Sign out the other devices</button>' in html
    assert "This device stays signed in." in html


def test_sign_out_everywhere_else_keeps_only_this_session(user):
    laptop = signed_in(user, LAPTOP)
    phone = signed_in(user, PHONE)

    laptop.post("/accounts/sessions/")

    assert laptop.get("/settings/").status_code == 200
    assert phone.get("/settings/").status_code == 302
    assert SESSION_KEY not in phone.session


def test_changing_the_password_ends_the_other_sessions(user):
    laptop = signed_in(user, LAPTOP)
    phone = signed_in(user, PHONE)
    new = "a different gentle passphrase"

    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )

    assert response.status_code == 302
    assert laptop.get("/settings/").status_code == 200
    assert phone.get("/settings/").status_code == 302


def test_last_active_is_written_at_most_once_per_ten_minutes_per_session(user, ten_minutes_on):
    laptop = signed_in(user, LAPTOP)
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    UserSession.objects.update(last_seen_at=long_ago)
    ten_minutes_on()  # the sign-in was noted ten minutes ago

    with CaptureQueriesContext(connection) as first:
        laptop.get("/settings/")
    noted = session_of(laptop).last_seen_at
    with CaptureQueriesContext(connection) as later:
        laptop.get("/settings/")
        laptop.get("/guide/")

    assert len(activity_writes(first)) == 1
    assert noted > long_ago
    assert activity_writes(later) == []  # allauth's own tracking is off, too
    assert session_of(laptop).last_seen_at == noted

    ten_minutes_on()
    laptop.get("/settings/")
    assert session_of(laptop).last_seen_at > noted


def test_a_session_noted_by_another_process_is_not_noted_again_here(user, ten_minutes_on):
    """Each web process remembers what it has learnt from the shared cache: a session
    another process noted costs this one a question, then nothing for ten minutes."""
    laptop = signed_in(user, LAPTOP)
    ten_minutes_on()
    laptop.get("/settings/")  # noted: this process remembers it
    noted = session_of(laptop).last_seen_at
    middleware._noted_here.clear()  # as another process, which has not seen this session

    with CaptureQueriesContext(connection) as queries:
        laptop.get("/settings/")
    cache.clear()  # from here on, only this process's memory keeps it from writing
    laptop.get("/guide/")

    assert activity_writes(queries) == []
    assert session_of(laptop).last_seen_at == noted


def test_signing_in_counts_as_activity_so_the_pages_after_it_write_nothing(user):
    laptop = signed_in(user, LAPTOP)

    with CaptureQueriesContext(connection) as queries:
        laptop.get("/settings/")

    assert activity_writes(queries) == []
    assert timezone.now() - session_of(laptop).last_seen_at < datetime.timedelta(minutes=1)


def test_each_session_is_noted_on_its_own(user, ten_minutes_on):
    laptop = signed_in(user, LAPTOP)
    phone = signed_in(user, PHONE)
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    UserSession.objects.update(last_seen_at=long_ago)
    ten_minutes_on()

    laptop.get("/settings/")

    assert session_of(laptop).last_seen_at > long_ago
    assert session_of(phone).last_seen_at == long_ago


class UnreachableCache(LocMemCache):
    def add(self, *args: object, **kwargs: object) -> bool:
        raise ConnectionError("the cache is down")


def test_pages_still_open_when_the_cache_cannot_be_reached(auth_client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.accounts.test_sessions.UnreachableCache"},
    }

    assert auth_client.get("/settings/").status_code == 200

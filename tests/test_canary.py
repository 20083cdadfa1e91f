"""No private text in any log, email or task table (issue 17, item 3).

A canary is written everywhere a person writes — an entry, an answer, the safety
plan, a search, the display name, passwords — then the app is pushed through its
unhappy paths: a server error, a refused form (403), a missing page (404), the
sign-in limit (429) and a password reset. Every log line (application, request and
gunicorn access logs), every email and every row of every table, the task queue's
included, is then searched for it.
"""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from journal.models import Entry
from tests.accounts.helpers import link_in_last_email
from tests.database import raw_dump
from tests.logs import every_log_line
from tests.safety.factories import plan_post

CANARY = "zq-canary-4471"
PASSWORD = f"{CANARY} lantern over the harbour"
NEW_PASSWORD = f"{CANARY} a second quiet harbour"
EMAIL = "canary.person@example.com"


def sign_up_and_confirm(client: Client) -> None:
    client.post("/accounts/signup/", {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD})
    client.post(link_in_last_email(r"/accounts/confirm-email/[^/\s]+/"))


def write_everywhere(client: Client) -> Entry:
    assert client.post(
        "/settings/", {"display_name": CANARY, "time_zone": "Europe/London"}
    ).status_code in (200, 302)
    assert (
        client.post(
            "/journal/new/", {"title": CANARY, "body": f"{CANARY} body", "tags": CANARY}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/guide/exercises/roots-silent-question/",
            {"roots-silent-question-prompt-open-again": CANARY},
        ).status_code
        == 302
    )
    assert client.post("/safety-plan/", plan_post(reasons=CANARY)).status_code in (200, 302)
    assert client.get("/journal/", {"q": CANARY}).status_code == 200
    return Entry.objects.get()


def unhappy_paths(client: Client, entry: Entry, settings) -> None:
    # 404s, with the canary in the path and in a query string.
    assert client.get(f"/journal/{CANARY}/").status_code == 404
    assert client.get("/nowhere/", {"q": CANARY}).status_code == 404
    # 403: a form sent without its token.
    refused = Client(enforce_csrf_checks=True)
    assert (
        refused.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD}).status_code == 403
    )
    # 429: someone guessing at the password (which also queues a notice to the person).
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    statuses = {
        guesser.post(
            "/accounts/login/", {"login": EMAIL, "password": f"{CANARY} guess {n}"}
        ).status_code
        for n in range(35)  # past allauth's 30 sign-in attempts a minute from one address
    }
    assert 429 in statuses
    # A server error: the keys the data was sealed with are gone (a bad restore).
    client.raise_request_exception = False
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert client.get(entry.get_absolute_url()).status_code == 500
    del settings.FIELD_ENCRYPTION_KEYS
    # A password reset, to a new password holding the canary.
    Client().post("/accounts/password/reset/", {"email": EMAIL})
    reset = Client()
    form = reset.get(link_in_last_email(r"/accounts/password/reset/key/[^\s]+/"), follow=True)
    assert (
        reset.post(
            form.redirect_chain[-1][0],
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        ).status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)
def test_the_canary_is_in_no_log_line_no_email_and_no_table(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = Client()
    with every_log_line() as lines:
        sign_up_and_confirm(client)
        entry = write_everywhere(client)
        unhappy_paths(client, entry, settings)
        assert DBTaskResult.objects.exists()  # the queue holds work: it is searched too
        dump = raw_dump()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert len(lines) > 40 and any("/journal/" in line for line in lines)
    assert [line for line in lines if CANARY in line] == []
    assert len(mail.outbox) >= 4  # confirmation, reset, password changed, guessing notice
    for message in mail.outbox:
        assert CANARY not in message.message().as_string()
    assert CANARY not in dump
    assert CANARY not in raw_dump()

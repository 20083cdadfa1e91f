from __future__ import annotations

import logging

import pytest

from healing.logfilters import Scrubbed
from tests.accounts.helpers import link_in_last_email
from tests.logs import every_log_line

NEW_PASSWORD = "a brand new gentle passphrase"


def make_record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)


def test_it_drops_query_strings_from_request_lines():
    record = make_record('"%s" %s %s', "GET /journal/?q=my+secret+words HTTP/1.1", "200", "512")

    Scrubbed().filter(record)

    assert record.getMessage() == '"GET /journal/ HTTP/1.1" 200 512'


def test_it_drops_query_strings_from_plain_messages():
    record = make_record("Not Found: /journal/new/?prompt=what+hurts")

    Scrubbed().filter(record)

    assert record.getMessage() == "Not Found: /journal/new/"


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password/reset/key/1-c2vw1a-0123456789abcdef/",
        "/accounts/confirm-email/MQ:1vNbxA:s3cr3t-k3y_value/",
        "/accounts/confirm%2Demail/MQ:1vNbxA:s3cr3t-k3y_value/",
    ],
)
def test_it_hides_the_key_in_reset_and_confirmation_links(path):
    record = make_record('"%s" %s %s', f"GET {path} HTTP/1.1", "302", "0")

    Scrubbed().filter(record)

    assert "s3cr3t" not in record.getMessage()
    assert "0123456789abcdef" not in record.getMessage()
    assert "[hidden]" in record.getMessage()


@pytest.mark.parametrize("forged", ["%0A", "%0D%0A", "%00", "\n", "\x1b[2J"])
def test_control_characters_cannot_forge_a_line(forged):
    as_argument = make_record("Not Found: %s", f"/guide/{forged}1.2.3.4 GET /admin/ 200")
    in_the_message = make_record(f"Not Found: /guide/{forged}1.2.3.4 GET /admin/ 200")

    Scrubbed().filter(as_argument)
    Scrubbed().filter(in_the_message)

    assert as_argument.getMessage().isprintable()
    assert in_the_message.getMessage().isprintable()
    assert "\\x" in in_the_message.getMessage()


def test_a_path_that_is_no_page_of_the_site_is_not_kept():
    missing = make_record("Not Found: %s", "/journal/what%20he%20said%20to%20me/")
    page = make_record('"%s" %s %s', "GET /guide/rebuilding-trust/ HTTP/1.1", "200", "5")
    static = make_record("Not Found: %s", "/static/css/nowhere.css")

    for record in (missing, page, static):
        Scrubbed().filter(record)

    assert missing.getMessage() == "Not Found: [unknown path]"
    assert page.getMessage() == '"GET /guide/rebuilding-trust/ HTTP/1.1" 200 5'
    assert static.getMessage() == "Not Found: /static/css/nowhere.css"


def test_it_keeps_every_record():
    assert Scrubbed().filter(make_record("nothing private here")) is True


def test_every_log_handler_scrubs(settings):
    for name, handler in settings.LOGGING["handlers"].items():
        assert "scrubbed" in handler["filters"], name
    assert settings.LOGGING["filters"]["scrubbed"]["()"] == "healing.logfilters.Scrubbed"


def test_no_error_emails_are_sent(settings):
    handlers = {h for logger in settings.LOGGING["loggers"].values() for h in logger["handlers"]}

    assert settings.ADMINS == []
    assert handlers == {"stdout"}


# ---------------------------------------------------------------------------
# A real reset and a real confirmation, and every line each log would write
# ---------------------------------------------------------------------------


def test_no_reset_or_confirmation_key_reaches_any_log_line(client, user):
    with every_log_line() as lines:
        client.post("/accounts/password/reset/", {"email": user.email})
        reset_link = link_in_last_email(r"/accounts/password/reset/key/[^\s]+/")
        client.get(reset_link, follow=True)
        client.post(
            "/accounts/password/reset/key/1-set-password/",
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        client.post(
            "/accounts/signup/",
            {"email": "new@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        confirm_link = link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")
        client.get(confirm_link)
        client.post(confirm_link)

    reset_key = reset_link.rstrip("/").rsplit("-", 1)[1]
    confirm_key = confirm_link.rstrip("/").rsplit("/", 1)[1]
    assert len(lines) == 2 * 7, lines
    assert any("[hidden]" in line for line in lines)
    for line in lines:
        assert reset_key not in line
        assert confirm_key not in line

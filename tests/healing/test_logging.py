from __future__ import annotations

import logging

from healing.logfilters import WithoutQueryStrings


def make_record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)


def test_it_drops_query_strings_from_request_lines():
    record = make_record('"%s" %s %s', "GET /journal/?q=my+secret+words HTTP/1.1", "200", "512")

    WithoutQueryStrings().filter(record)

    assert record.getMessage() == '"GET /journal/ HTTP/1.1" 200 512'


def test_it_drops_query_strings_from_plain_messages():
    record = make_record("Not Found: /journal/new/?prompt=what+hurts")

    WithoutQueryStrings().filter(record)

    assert record.getMessage() == "Not Found: /journal/new/"


def test_it_keeps_every_record():
    assert WithoutQueryStrings().filter(make_record("nothing private here")) is True


def test_every_log_handler_drops_query_strings(settings):
    for name, handler in settings.LOGGING["handlers"].items():
        assert "without_query_strings" in handler["filters"], name
    assert settings.LOGGING["filters"]["without_query_strings"]["()"] == (
        "healing.logfilters.WithoutQueryStrings"
    )


def test_no_error_emails_are_sent(settings):
    handlers = {h for logger in settings.LOGGING["loggers"].values() for h in logger["handlers"]}

    assert settings.ADMINS == []
    assert handlers == {"stdout"}

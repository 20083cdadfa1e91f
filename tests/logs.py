"""Every line the logs would write for the requests a test makes: the application
log, the development server's request log and gunicorn's access log, each through
the handlers and filters production configures."""

from __future__ import annotations

import datetime
import io
import logging
from contextlib import contextmanager
from types import SimpleNamespace

from django.core.signals import request_started
from gunicorn.config import Config

from healing.logfilters import GunicornLogger


def gunicorn_logger() -> GunicornLogger:
    """The access logger gunicorn.conf.py configures, writing to a buffer."""
    config = Config()
    settings_file = {}
    exec(open("gunicorn.conf.py").read(), settings_file)  # noqa: S102, SIM115
    config.set("access_log_format", settings_file["access_log_format"])
    config.set("accesslog", "-")
    assert settings_file["logger_class"] == "healing.logfilters.GunicornLogger"
    return GunicornLogger(config)


@contextmanager
def every_log_line():
    """Each request's lines from the application log, the development server's request
    log and gunicorn's access log, all written through the handlers configured."""
    application = io.StringIO()
    handler = logging.getLogger("django").handlers[0]
    previous = handler.setStream(application)
    environs = []

    def remember(sender, environ, **kwargs):
        environs.append(environ)

    request_started.connect(remember)
    lines: list[str] = []
    try:
        yield lines
    finally:
        request_started.disconnect(remember)
        gunicorn = gunicorn_logger()
        access = io.StringIO()
        gunicorn.access_log.handlers[0].setStream(access)
        for environ in environs:
            # What runserver writes: the raw request line, through the configured handler.
            query = f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else ""
            request_line = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}{query} HTTP/1.1"
            logging.getLogger("django.server").info('"%s" %s %s', request_line, "200", "0")
            # What gunicorn writes.
            environ = {**environ, "RAW_URI": request_line.split()[1], "SERVER_PROTOCOL": "HTTP/1.1"}
            response = SimpleNamespace(status="200 OK", sent=0, headers=[])
            gunicorn.access(response, [], environ, datetime.timedelta(milliseconds=5))
        handler.setStream(previous)
        lines.extend(application.getvalue().splitlines() + access.getvalue().splitlines())

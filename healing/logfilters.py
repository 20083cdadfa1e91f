"""What may reach a log line: no private words, no live secrets, no forged lines.

Every request path is scrubbed the same way, for the application's own log (a
filter on its one handler) and for gunicorn's access log (its logger class):

- query strings are dropped: search words and prompts travel in them;
- the secret part of a password-reset or email-confirmation link is replaced:
  anyone who read it could take the account over; so is a reminder's unsubscribe
  token, which names the person and works without signing in;
- control characters are escaped: an encoded newline in a path cannot write a
  fake line.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from gunicorn.glogging import Logger as GunicornBaseLogger

HIDDEN = "[hidden]"
_QUERY_STRING = re.compile(r"\?[^\s\"]*")
# Links that carry a key in the path: allauth's (a reset, a confirmation), and a
# reminder's unsubscribe link.
_SECRET_IN_PATH = re.compile(
    r"(/password/reset/key/|/confirm-email/|/reminders/unsubscribe/)[^/\s\"]+", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def scrub(text: str) -> str:
    """`text` safe to log: see the module's docstring."""
    # Decoded first, so a percent-encoded key or newline is caught like a plain one.
    text = _QUERY_STRING.sub("", unquote(text))
    text = _SECRET_IN_PATH.sub(rf"\g<1>{HIDDEN}", text)
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _scrubbed(value: object) -> object:
    return scrub(value) if isinstance(value, str) else value


class Scrubbed(logging.Filter):
    """Scrubs a record's arguments (request lines, paths), or its message if it has none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: _scrubbed(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple) and record.args:
            record.args = tuple(_scrubbed(arg) for arg in record.args)
        else:
            record.msg = _scrubbed(record.msg)
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger with every access-log value scrubbed (set in gunicorn.conf.py)."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["q"] = "-"
        return {key: _scrubbed(value) for key, value in atoms.items()}

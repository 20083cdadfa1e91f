"""What may reach a log line: no private words, no live secrets, no forged lines.

Every request path is scrubbed the same way, for the application's own log (a
filter on its one handler) and for gunicorn's access log (its logger class):

- query strings are dropped: search words and prompts travel in them;
- the secret part of a password-reset or email-confirmation link is replaced:
  anyone who read it could take the account over;
- a path that is not a page of the site (a 404) is replaced: whatever was typed
  into it, a person's words included, is not ours to keep;
- control characters are escaped: an encoded newline in a path cannot write a
  fake line.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.urls import Resolver404, resolve
from gunicorn.glogging import Logger as GunicornBaseLogger

HIDDEN = "[hidden]"
UNKNOWN_PATH = "[unknown path]"
_QUERY_STRING = re.compile(r"\?[^\s\"]*")
# allauth's links that carry a key in the path (a reset, a confirmation).
_SECRET_IN_PATH = re.compile(r"(/password/reset/key/|/confirm-email/)[^/\s\"]+", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A request path: a word that starts with a slash.
_PATH = re.compile(r"(?<![^\s\"])/[^\s\"]*")


def scrub(text: str) -> str:
    """`text` safe to log: see the module's docstring (all but unknown paths)."""
    # Decoded first, so a percent-encoded key or newline is caught like a plain one.
    text = _QUERY_STRING.sub("", unquote(text))
    text = _SECRET_IN_PATH.sub(rf"\g<1>{HIDDEN}", text)
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _is_a_page(path: str) -> bool:
    path = unquote(path.split("?", 1)[0])
    if path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
        return True
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _only_pages(text: str) -> str:
    """A path (decoded, as Django and gunicorn log it) or a request line (encoded),
    with any path that is not a page of the site replaced."""
    if text.startswith("/"):
        return text if _is_a_page(text) else UNKNOWN_PATH
    return _PATH.sub(lambda path: path.group() if _is_a_page(path.group()) else UNKNOWN_PATH, text)


def _scrubbed(value: object) -> object:
    """A record's argument or an access-log value: request lines and paths."""
    return scrub(_only_pages(value)) if isinstance(value, str) else value


class Scrubbed(logging.Filter):
    """Scrubs a record's arguments (request lines, paths), or its message if it has none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: _scrubbed(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple) and record.args:
            record.args = tuple(_scrubbed(arg) for arg in record.args)
        else:
            record.msg = scrub(record.msg) if isinstance(record.msg, str) else record.msg
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger with every access-log value scrubbed (set in gunicorn.conf.py)."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["q"] = "-"
        return {key: _scrubbed(value) for key, value in atoms.items()}

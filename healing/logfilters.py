"""Logging filters that keep private words out of the logs."""

from __future__ import annotations

import logging
import re

_QUERY_STRING = re.compile(r"\?[^\s\"]*")


class WithoutQueryStrings(logging.Filter):
    """Drop query strings from request lines (`GET /journal/?q=words HTTP/1.1`).

    Search words and prompts travel in query strings; they are private text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_scrub(arg) for arg in record.args)
        else:
            record.msg = _scrub(record.msg)
        return True


def _scrub(value: object) -> object:
    return _QUERY_STRING.sub("", value) if isinstance(value, str) else value

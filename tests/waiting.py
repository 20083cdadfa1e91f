"""Waiting in browser tests for what a page does asynchronously."""

from __future__ import annotations

import time
from collections.abc import Callable


def eventually(check: Callable[[], object], seconds: float = 10) -> None:
    """Autosave is asynchronous: wait for the database to show what the page did."""
    deadline = time.monotonic() + seconds
    while not _holds(check):
        assert time.monotonic() < deadline, "the page never saved it"
        time.sleep(0.1)


def _holds(check: Callable[[], object]) -> bool:
    try:
        return bool(check())
    except Exception:
        return False

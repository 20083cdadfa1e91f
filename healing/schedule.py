"""The periodic background jobs: what `manage.py scheduler` enqueues, and when.

Exactly one scheduler enqueues at a time. Several may be started (two containers, a
restart that overlaps); each asks for a lease in the shared cache before enqueuing,
and those without it stay idle until the lease lapses, as it does when its holder
stops. Every job is idempotent, so an overlap at a hand-over does no harm.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    task: str  # dotted path of a django_tasks task that takes no arguments
    trigger: str  # an APScheduler trigger ("cron", "interval"), in UTC
    when: dict = field(default_factory=dict)


SCHEDULE = (
    Job("reminders.tasks.send_due_reminders", "cron", {"minute": "*"}),
    Job("accounts.tasks.clear_expired_sessions", "cron", {"minute": 7}),
    Job("journal.tasks.purge_trash", "cron", {"hour": 3, "minute": 17}),
)


class Leadership:
    """A lease in the shared cache: whoever holds it is the one active scheduler."""

    KEY = "scheduler:leader"

    def __init__(self, lease_seconds: int = 90) -> None:
        self.token = secrets.token_hex(16)
        self.lease_seconds = lease_seconds
        self.leading: bool | None = None  # unknown until the first hold, which says which

    def hold(self) -> bool:
        """Take the lease if it is free, renew it if it is ours; False if another has it."""
        held = cache.add(self.KEY, self.token, self.lease_seconds) or (
            cache.get(self.KEY) == self.token and cache.touch(self.KEY, self.lease_seconds)
        )
        if held != self.leading:
            logger.info(
                "This scheduler is now %s.",
                "active" if held else "idle: another scheduler is active",
            )
            self.leading = held
        return held

    def release(self) -> None:
        if cache.get(self.KEY) == self.token:
            cache.delete(self.KEY)
        self.leading = False


def run(job: Job, leadership: Leadership) -> bool:
    """Enqueue `job`'s task if this scheduler is the active one. True if it did."""
    if not leadership.hold():
        return False
    import_string(job.task).enqueue()
    return True

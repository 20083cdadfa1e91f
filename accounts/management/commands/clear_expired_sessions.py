"""Delete expired sessions and the record of where each was signed in from, now.
The scheduler does the same every hour (accounts.tasks.clear_expired_sessions)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.tasks import clear_expired_sessions


class Command(BaseCommand):
    help = "Delete expired sessions, and the sign-in records of sessions that no longer exist."

    def handle(self, *args: Any, **options: Any) -> None:
        purged = clear_expired_sessions.call()
        self.stdout.write(f"Removed {purged} records of ended sessions.")

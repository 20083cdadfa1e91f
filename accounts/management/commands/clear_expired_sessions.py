"""Delete expired sessions and the record of where each was signed in from.

Django's clearsessions removes expired sessions; allauth keeps a row per session
(its IP address and browser) until someone looks at their sessions page. Both go
here, so nothing about a session outlives it. Safe to run at any time.
"""

from __future__ import annotations

from typing import Any

from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete expired sessions, and the sign-in records of sessions that no longer exist."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("clearsessions")
        purged = sum(session.purge() for session in UserSession.objects.iterator())
        self.stdout.write(f"Removed {purged} records of ended sessions.")

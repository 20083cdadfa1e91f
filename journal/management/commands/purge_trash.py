"""Delete for ever the journal entries that have been in the trash over 30 days.

Safe to run at any time and as often as wanted: it only removes what is overdue.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from journal.models import Entry


class Command(BaseCommand):
    help = "Delete for ever journal entries that have been in the trash over 30 days."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = Entry.objects.purge_trash()
        self.stdout.write(f"Deleted {deleted} rows of entries past their 30 days in the trash.")

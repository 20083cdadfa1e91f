"""Delete for ever the journal entries that have been in the trash over 30 days, now.
The scheduler does the same every day (journal.tasks.purge_trash)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from journal.tasks import purge_trash


class Command(BaseCommand):
    help = "Delete for ever journal entries that have been in the trash over 30 days."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_trash.call()
        self.stdout.write(f"Deleted {deleted} rows of entries past their 30 days in the trash.")

"""Background work for the journal."""

from __future__ import annotations

from django_tasks import task

from journal.models import Entry


@task()
def purge_trash() -> int:
    """Delete for ever what has been in the trash over 30 days. Safe to run at any time."""
    return Entry.objects.purge_trash()

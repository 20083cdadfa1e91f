from __future__ import annotations

import datetime
import uuid
from typing import Any

from journal.models import Content, Entry


def make_entry(user: Any, body: str = "A quiet day.", **fields: Any) -> Entry:
    """An entry written through the model, as the editor writes it."""
    trashed_at = fields.pop("trashed_at", None)
    content = Content(body=body, entry_date=fields.pop("entry_date", datetime.date(2026, 5, 4)))
    for name, value in fields.items():
        setattr(content, name, value)
    entry = Entry.objects.record(user, uuid.uuid4(), content, (0, "factory-editor"))
    if trashed_at:
        Entry.objects.filter(pk=entry.pk).update(trashed_at=trashed_at)
        entry.refresh_from_db()
    return entry

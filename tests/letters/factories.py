from __future__ import annotations

import datetime
import uuid
from typing import Any

from letters.models import Draft, Letter


def make_letter(
    user: Any, body: str = "Dear me, you made it this far.", days: int = 30, **fields: Any
) -> Letter:
    """A letter written through the model, as the editor writes it, arriving `days` after
    the person's today (0: today; negative: it arrived earlier)."""
    arrives_on = user.today() + datetime.timedelta(days=days)
    letter = Letter.objects.record(
        user, uuid.uuid4(), Draft(body=body, arrives_on=arrives_on), (0, "factory-editor")
    )
    if fields:
        Letter.objects.filter(pk=letter.pk).update(**fields)
        letter.refresh_from_db()
    return letter

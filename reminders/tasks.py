"""The reminders job: every minute, send what has come due, each exactly once."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from reminders.emails import send_reminder
from reminders.models import Delivery, Kind, Outcome, Reminder

logger = logging.getLogger(__name__)

# A reminder missed (the workers were down) by up to this long is still sent, once.
CATCH_UP = datetime.timedelta(hours=12)
# How far back the job looks, so that one missed by longer is recorded as skipped.
LOOK_BACK = datetime.timedelta(hours=48)


@dataclass
class Counts:
    sent: int = 0
    skipped: int = 0
    failed: int = 0


@task()
def send_due_reminders() -> dict[str, int]:
    return vars(send_due(timezone.now()))


def send_due(now: datetime.datetime) -> Counts:
    """Send every reminder due by `now` and not yet recorded; record one missed by over
    CATCH_UP as skipped instead. Safe to run at any time, and twice at once."""
    due: dict[tuple[int, str, datetime.datetime], list[Reminder]] = defaultdict(list)
    for reminder in Reminder.objects.sending():
        start = max(now - LOOK_BACK, reminder.since)
        for moment in reminder.due_between(start, now, reminder.user.zone()):
            due[(reminder.user_id, reminder.kind, moment)].append(reminder)
    recorded = set(
        Delivery.objects.filter(
            user_id__in={person for person, _, _ in due}, due_at__gt=now - LOOK_BACK
        ).values_list("user_id", "kind", "due_at")
    )
    counts = Counts()
    for key in sorted(set(due) - recorded, key=lambda key: key[2]):
        reminders = due[key]
        person, kind, moment = reminders[0].user, key[1], key[2]
        late = now - moment > CATCH_UP
        if not Delivery.objects.record(
            person, kind, moment, Outcome.SKIPPED if late else Outcome.SENT
        ):
            continue  # another run has it
        if late:
            counts.skipped += 1
            continue
        try:
            send_reminder(person, kind, _link(reminders))
        except Exception:
            logger.exception("A reminder email could not be handed over (reminder kind %s)", kind)
            Delivery.objects.filter(user=person, kind=kind, due_at=moment).update(
                outcome=Outcome.FAILED
            )
            counts.failed += 1
        else:
            counts.sent += 1
    return counts


def _link(reminders: list[Reminder]) -> str:
    """One reminder leads to its page; several answers due together, to all of them."""
    if len(reminders) == 1:
        return reminders[0].link()
    if reminders[0].kind == Kind.REVISIT:
        return settings.SITE_URL + reverse("guide:reflections")
    return settings.SITE_URL + reverse("home")

"""Enqueue the periodic background jobs of healing/schedule.py on time, for the
`manage.py db_worker` processes to run. Run one; a second one stays idle."""

from __future__ import annotations

import datetime
import signal
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand

from healing.schedule import SCHEDULE, Leadership, run


def stop(scheduler: BlockingScheduler) -> None:
    """Stop at once; stopped before it had started (a slow start-up), it never starts."""
    if scheduler.running:
        scheduler.shutdown(wait=False)
    else:
        raise SystemExit(0)


class Command(BaseCommand):
    help = "Enqueue the periodic background jobs on time. Run exactly one (others stay idle)."

    def handle(self, *args: Any, **options: Any) -> None:
        leadership = Leadership()
        scheduler = BlockingScheduler(timezone=datetime.UTC)
        # Renew the lease well within its life, between the jobs too.
        scheduler.add_job(leadership.hold, "interval", seconds=leadership.lease_seconds // 3)
        for job in SCHEDULE:
            scheduler.add_job(
                run,
                job.trigger,
                args=[job, leadership],
                id=job.task,
                name=job.task,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=60,
                **job.when,
            )
        signal.signal(signal.SIGTERM, lambda *_: stop(scheduler))
        try:
            leadership.hold()
            self.stdout.write(
                f"Scheduling {len(SCHEDULE)} jobs: " + ", ".join(j.task for j in SCHEDULE)
            )
            self.stdout.flush()
            scheduler.start()
        except KeyboardInterrupt:
            pass
        finally:
            leadership.release()

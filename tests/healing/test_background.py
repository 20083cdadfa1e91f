"""Background work: the periodic jobs, the scheduler's lease, and a real worker that
picks a queued task up, as compose starts it."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tasks import clear_expired_sessions, send_guessing_notice
from healing.schedule import SCHEDULE, Job, Leadership, run
from journal.models import Entry
from journal.tasks import purge_trash
from tests.journal.factories import make_entry

ROOT = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def long_trashed_entry(user) -> Entry:
    return make_entry(user, trashed_at=timezone.now() - datetime.timedelta(days=31))


def test_every_scheduled_job_is_a_task_that_runs_without_arguments(db):
    from django.utils.module_loading import import_string

    for job in SCHEDULE:
        result = import_string(job.task).enqueue()
        assert result.status == "SUCCESSFUL", job.task


def test_purging_the_trash_twice_deletes_once(user):
    old = long_trashed_entry(user)
    recent = make_entry(user, trashed_at=timezone.now() - datetime.timedelta(days=3))

    first, second = purge_trash.enqueue(), purge_trash.enqueue()

    assert first.return_value > 0 and second.return_value == 0
    assert not Entry.objects.filter(pk=old.pk).exists()
    assert Entry.objects.filter(pk=recent.pk).exists()


def test_clearing_sessions_is_safe_to_repeat(db):
    assert clear_expired_sessions.enqueue().return_value == 0
    assert clear_expired_sessions.enqueue().return_value == 0


def test_the_guessing_notice_goes_out_once_a_day_however_often_it_is_queued(user):
    send_guessing_notice.enqueue(user.pk)
    send_guessing_notice.enqueue(user.pk)

    assert [message.to for message in mail.outbox] == [[user.email]]


def test_one_scheduler_leads_and_a_second_stays_idle_until_the_lease_is_free(db, settings):
    settings.TASKS = DATABASE_QUEUE
    first, second = Leadership(), Leadership()
    job = Job("journal.tasks.purge_trash", "cron", {"minute": 0})

    assert run(job, first) is True
    assert run(job, second) is False
    assert run(job, first) is True
    assert DBTaskResult.objects.count() == 2

    first.release()  # as when the active scheduler stops
    assert run(job, second) is True
    assert run(job, first) is False


def test_a_lapsed_lease_passes_to_the_next_scheduler(db):
    first, second = Leadership(lease_seconds=1), Leadership()
    assert first.hold() and not second.hold()

    time.sleep(1.1)  # the active scheduler stopped renewing

    assert second.hold() and not first.hold()


@pytest.mark.django_db(transaction=True)
def test_a_worker_started_as_compose_starts_it_runs_a_queued_task(user, settings):
    if connection.vendor != "postgresql":
        pytest.skip("The worker joins the test database over the network: PostgreSQL only.")
    settings.TASKS = DATABASE_QUEUE
    old = long_trashed_entry(user)
    queued = purge_trash.enqueue()
    assert queued.status == "READY"

    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    url = f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert worker.returncode == 0, worker.stderr
    queued.refresh()
    assert queued.status == "SUCCESSFUL"
    assert not Entry.objects.filter(pk=old.pk).exists()


def test_each_scheduler_says_at_its_first_lease_whether_it_is_active_or_idle(db, caplog):
    first, second = Leadership(), Leadership()

    with caplog.at_level("INFO", logger="healing.schedule"):
        first.hold()
        second.hold()
        second.hold()

    assert caplog.messages == [
        "This scheduler is now active.",
        "This scheduler is now idle: another scheduler is active.",
    ]


def test_the_scheduler_stops_cleanly_when_told_to_as_soon_as_it_is_up():
    scheduler = subprocess.Popen(
        [sys.executable, "manage.py", "scheduler"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in scheduler.stdout:  # its log lines come first
            if "Scheduling" in line:
                break
        else:
            pytest.fail("The scheduler ended before it was up.")
        scheduler.send_signal(signal.SIGTERM)
        _, errors = scheduler.communicate(timeout=30)
    finally:
        scheduler.kill()

    assert scheduler.returncode == 0
    assert "Traceback" not in errors

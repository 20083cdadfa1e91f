"""Background work for accounts. Tasks take ids, never anything a person wrote, and
each can run twice without doing anything twice."""

from __future__ import annotations

from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.core.management import call_command
from django_tasks import task

from accounts.models import User
from accounts.notices import send_notice

ONCE_A_DAY = 24 * 60 * 60


@task()
def send_guessing_notice(person_id: int) -> None:
    """Tell the person that guessing at their password was seen: at most once a day."""
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None or not cache.add(f"notice:guessing:{person.pk}", True, ONCE_A_DAY):
        return
    send_notice(person, "accounts/email/guessing_seen")


@task()
def clear_expired_sessions() -> int:
    """Delete expired sessions and allauth's record of each (address and browser), so
    nothing about a session outlives it. Returns how many records went."""
    call_command("clearsessions")
    return sum(session.purge() for session in UserSession.objects.iterator())

"""Re-wrap every data key (and every 2FA secret) with the newest master key.

Put the new key first in FIELD_ENCRYPTION_KEYS, keep the old ones after it, run
this, then remove the old keys. It works in batches, shows its progress, and can
be stopped and run again at any time: what is already re-wrapped is skipped.

After a SECRET_KEY rotation (the old key in SECRET_KEY_FALLBACKS) it also stamps
every 2FA record again under the new SECRET_KEY (accounts/authenticators.py).
See docs/operations.md.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts import authenticators, crypto
from accounts.models import User


class Command(BaseCommand):
    help = "Re-wrap every person's data key and every 2FA secret with the newest master key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        total = User.objects.count()
        checked = rewrapped = 0
        last_pk = 0
        while batch := list(
            User.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "wrapped_data_key")[:batch_size]
        ):
            stale = [u for u in batch if not crypto.is_wrapped_by_newest_key(u.wrapped_data_key)]
            for user in stale:
                user.wrapped_data_key = crypto.rewrap(user.wrapped_data_key)
            with transaction.atomic():
                User.objects.bulk_update(stale, ["wrapped_data_key"])
            checked += len(batch)
            rewrapped += len(stale)
            last_pk = batch[-1].pk
            self.stdout.write(f"Data keys: {checked}/{total} checked, {rewrapped} re-wrapped")

        secrets = 0
        records = Authenticator.objects.count()
        for done, authenticator in enumerate(
            Authenticator.objects.iterator(chunk_size=batch_size), start=1
        ):
            # A record bound under an old SECRET_KEY (in SECRET_KEY_FALLBACKS) is stamped
            # again; one bound to nobody had its secret replaced on load and stays so.
            changed = authenticators.is_bound(
                authenticator.user_id, authenticator.type, authenticator.data
            ) and not authenticators.is_stamped_under_current_key(
                authenticator.user_id, authenticator.type, authenticator.data
            )
            for field in authenticators.ENCRYPTED:
                token = authenticator.data.get(field)
                if token and not crypto.is_wrapped_by_newest_key(token):
                    authenticator.data[field] = crypto.rewrap(token)
                    changed = True
            if changed:
                authenticators.restamp(authenticator)
                authenticator.save(update_fields=["data"])
                secrets += 1
            if done % batch_size == 0 or done == records:
                self.stdout.write(f"2FA records: {done}/{records} checked, {secrets} updated")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {rewrapped} data keys re-wrapped, {secrets} 2FA records updated."
            )
        )

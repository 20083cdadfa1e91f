"""Open sealed values of every person, to prove the keys fit the data.

Run it after restoring a backup onto a new machine (docs/operations.md). For each
person it unwraps their data key with FIELD_ENCRYPTION_KEYS, opens the first
non-empty value of every sealed field they have written (their display name, a
journal entry, an answer, their safety plan, ...) through the same code as the
app, and checks that their 2FA records decrypt and are still bound to them under
SECRET_KEY. It only reads. It names every person whose values do not open (by id,
never by what they wrote) and then exits with status 1.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Field, Min, Model

from accounts import authenticators, crypto
from accounts.models import User
from accounts.sealed import SealedField


def sealed_fields() -> list[tuple[type[Model], SealedField]]:
    """Every sealed field of every model, the person's own row first."""
    found = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SealedField)
    ]
    return sorted(found, key=lambda pair: pair[0] is not User)


class Command(BaseCommand):
    help = (
        "Open one sealed value of each kind for every person, and their 2FA records, to "
        "prove the encryption keys fit the data (after a restore). Exits 1 on any failure."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        started = time.monotonic()
        total = User.objects.count()
        self.checked = self.opened = self.records = 0
        self.failed: dict[int, list[str]] = {}
        last_pk = 0
        while batch := list(User.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size]):
            self.check_batch(batch)
            last_pk = batch[-1].pk
            self.stdout.write(
                f"People: {self.checked}/{total} checked, {self.opened} values opened, "
                f"{len(self.failed)} with values that do not open"
            )
        seconds = time.monotonic() - started
        for pk, problems in self.failed.items():
            self.stderr.write(f"Person {pk}: " + "; ".join(problems))
        failed = f"{len(self.failed)} {'person' if len(self.failed) == 1 else 'people'} failed"
        summary = (
            f"{self.checked} people checked, {self.opened} values and {self.records} "
            f"2FA records opened, {failed}, in {seconds:.1f} s."
        )
        if self.failed:
            raise CommandError(
                f"{summary} Their values do not open with these keys: compare "
                "FIELD_ENCRYPTION_KEYS and SECRET_KEY with the ones kept with the backup."
            )
        self.stdout.write(self.style.SUCCESS(f"All values open: {summary}"))

    def check_batch(self, people: list[User]) -> None:
        by_pk = {}
        for person in people:
            self.checked += 1
            try:
                crypto.unwrap_data_key(person)
            except crypto.DecryptionError:
                self.fail(person.pk, "data key does not unwrap with any master key")
            else:
                by_pk[person.pk] = person
        for model, field in sealed_fields():
            for row in self.first_values(model, field, by_pk):
                self.open(row, field)
        self.check_two_factor(list(by_pk))

    def first_values(
        self, model: type[Model], field: SealedField, people: dict[int, User]
    ) -> list[Model]:
        """Each person's first row with a non-empty value in `field`, owner attached."""
        if field.owner == "self":
            return [person for person in people.values() if person.__dict__[field.attname]]
        owner: Field = model._meta.get_field(field.owner)
        rows = model._base_manager.filter(**{f"{owner.attname}__in": list(people)}).exclude(
            **{field.attname: field.empty()}
        )
        firsts = rows.values(owner.attname).annotate(first=Min("pk")).values("first")
        found = list(model._base_manager.filter(pk__in=firsts).only("pk", owner.name, field.name))
        for row in found:
            setattr(row, field.owner, people[getattr(row, owner.attname)])
        return found

    def open(self, row: Model, field: SealedField) -> None:
        try:
            getattr(row, field.attname)  # opens it, as every page does
        except crypto.DecryptionError:
            person = row.pk if field.owner == "self" else getattr(row, field.owner).pk
            self.fail(person, f"{row._meta.label}.{field.name} (row {row.pk}) does not open")
        else:
            self.opened += 1

    def check_two_factor(self, people: list[int]) -> None:
        # Read as plain values: loading the model would replace an unbound secret.
        for user_id, kind, data in Authenticator.objects.filter(user_id__in=people).values_list(
            "user_id", "type", "data"
        ):
            try:
                for name in authenticators.ENCRYPTED:
                    if data.get(name):
                        crypto.decrypt_with_master(data[name])
            except crypto.DecryptionError:
                self.fail(user_id, f"2FA record ({kind}) does not decrypt with any master key")
                continue
            if not authenticators.is_bound(user_id, kind, data):
                self.fail(user_id, f"2FA record ({kind}) is not bound to them under SECRET_KEY")
                continue
            self.records += 1

    def fail(self, person: int, problem: str) -> None:
        self.failed.setdefault(person, []).append(problem)

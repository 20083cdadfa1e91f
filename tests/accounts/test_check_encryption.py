"""manage.py check_encryption: after a restore, every person's values open with the
keys at hand, or the people whose values do not are named and the command fails."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from journal.models import Entry
from tests.accounts.factories import UserFactory
from tests.healing.factories import ResponseFactory
from tests.journal.factories import make_entry
from tests.safety.factories import make_plan

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXP"
OTHER_SECRET_KEY = "another-secret-key-another-secret-key-another-secret-key"


def person_with_everything(email: str):
    """A person who has written something of every kind, sealed as the app seals it."""
    person = UserFactory(email=email)
    person.display_name = "Sam"
    person.save()
    make_entry(person, body="A quiet day by the river.", title="River")
    ResponseFactory(user=person)
    make_plan(person, reasons="My sister, the sea.")
    TOTP.activate(person, TOTP_SECRET)
    return person


def run(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_encryption", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_opens_a_value_of_every_kind_for_every_person_and_passes(db):
    for n in range(3):
        person_with_everything(f"person{n}@example.com")
    UserFactory(email="new@example.com")  # signed up, wrote nothing yet

    out, err = run(batch_size=2)

    assert "People: 2/4 checked" in out
    assert "People: 4/4 checked" in out
    # Each writer's name, entry title, body and excerpt, answer and plan; the newcomer's
    # name (empty, but sealed all the same).
    assert "All values open: 4 people checked, 19 values and 3 2FA records opened" in out
    assert "0 people failed" in out
    assert err == ""


def test_with_a_wrong_master_key_it_names_every_person_and_fails(db, settings):
    people = [person_with_everything(f"person{n}@example.com") for n in range(2)]
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    err = StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("check_encryption", stdout=StringIO(), stderr=err)

    assert failure.value.returncode == 1
    assert "2 people checked, 0 values and 0 2FA records opened, 2 people failed" in str(
        failure.value
    )
    assert "FIELD_ENCRYPTION_KEYS and SECRET_KEY" in str(failure.value)
    for person in people:
        assert f"Person {person.pk}: data key does not unwrap with any master key" in err.getvalue()


def test_it_names_only_the_person_whose_rows_are_sealed_with_someone_elses_key(db):
    fine = person_with_everything("fine@example.com")
    harmed = person_with_everything("harmed@example.com")
    moved = make_entry(fine, body="Written by someone else.")
    Entry.objects.filter(pk=moved.pk).update(user=harmed)
    Entry.objects.filter(user=harmed).exclude(pk=moved.pk).delete()
    err = StringIO()

    with pytest.raises(CommandError, match="1 person failed"):
        call_command("check_encryption", stdout=StringIO(), stderr=err)

    assert err.getvalue().startswith(f"Person {harmed.pk}: journal.Entry.title (row {moved.pk})")
    assert f"Person {fine.pk}" not in err.getvalue()
    assert "Written by someone else" not in err.getvalue()


def test_after_a_secret_key_change_it_names_the_people_whose_2fa_would_fail(db, settings):
    person = person_with_everything("person@example.com")
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = OTHER_SECRET_KEY
    err = StringIO()

    with pytest.raises(CommandError, match="1 person failed"):
        call_command("check_encryption", stdout=StringIO(), stderr=err)
    assert f"Person {person.pk}: 2FA record (totp) is not bound to them under SECRET_KEY" in (
        err.getvalue()
    )

    settings.SECRET_KEY_FALLBACKS = [old_key]
    out, _ = run()
    assert "6 values and 1 2FA records opened, 0 people failed" in out


def test_a_batch_size_below_one_is_refused(db):
    with pytest.raises(CommandError, match="--batch-size must be 1 or more"):
        run(batch_size=0)

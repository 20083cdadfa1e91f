"""Display names are sealed with their owner's data key, like everything else a person writes.

The column becomes text first (a token is longer than 80 characters), each name is
sealed in place, then the field becomes a SealedField (no change in the database).
"""

from django.db import migrations, models

import accounts.sealed
from accounts import crypto


def seal_names(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(display_name="").iterator():
        sealed = crypto.encrypt(user, user.display_name)
        User.objects.filter(pk=user.pk).update(display_name=sealed)


def open_names(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(display_name="").iterator():
        name = crypto.decrypt(user, user.display_name)[:80]
        User.objects.filter(pk=user.pk).update(display_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_on_this_day"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="display_name",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(seal_names, open_names),
        migrations.AlterField(
            model_name="user",
            name="display_name",
            field=accounts.sealed.SealedField(
                blank=True, codec="text", default="", editable=False, owner="self"
            ),
        ),
    ]

"""Two-factor rows made before secrets were bound to their owner get their stamp."""

from django.db import migrations

from accounts.authenticators import MAC, owner_mac


def stamp(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for row in Authenticator.objects.iterator():
        if isinstance(row.data, dict) and MAC not in row.data:
            row.data[MAC] = owner_mac(row.user_id, row.type, row.data)
            Authenticator.objects.filter(pk=row.pk).update(data=row.data)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sealed_display_name"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(stamp, migrations.RunPython.noop)]

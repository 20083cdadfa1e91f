"""Answers become sealed fields with a save counter, texts can be kept aside in a
conflict, and a check-in's feeling codes move out of the sealed JSON into clear."""

import json

from django.db import migrations, models

import accounts.sealed


def feelings_in_clear(apps, schema_editor):
    from accounts import crypto

    Response = apps.get_model("healing", "Response")
    rows = Response.objects.filter(exercise__kind="feelings").select_related("user")
    for response in rows.iterator():
        answer = json.loads(crypto.decrypt(response.user, response.private))
        feelings = answer.pop("feelings", {})
        response.private = crypto.encrypt(response.user, json.dumps(answer, ensure_ascii=False))
        response.in_clear = {"feelings": feelings}
        response.save(update_fields=["private", "in_clear"])


def feelings_sealed_again(apps, schema_editor):
    from accounts import crypto

    Response = apps.get_model("healing", "Response")
    rows = Response.objects.filter(exercise__kind="feelings").select_related("user")
    for response in rows.iterator():
        answer = json.loads(crypto.decrypt(response.user, response.private))
        answer.update(response.in_clear)
        response.private = crypto.encrypt(response.user, json.dumps(answer, ensure_ascii=False))
        response.save(update_fields=["private"])


class Migration(migrations.Migration):
    dependencies = [
        ("healing", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="response", name="healing_response_unique_version"),
        migrations.RenameField(model_name="response", old_name="answer_token", new_name="private"),
        migrations.AddField(
            model_name="response",
            name="in_clear",
            field=models.JSONField(
                blank=True, default=dict, help_text="Feeling codes and intensities, for charts."
            ),
        ),
        migrations.AddField(
            model_name="response",
            name="aside",
            field=models.BooleanField(
                default=False,
                help_text="Saved from another tab or device after this version changed.",
            ),
        ),
        migrations.AddField(
            model_name="response",
            name="editor",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name="response",
            name="save_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(feelings_in_clear, feelings_sealed_again),
        migrations.AlterField(
            model_name="response",
            name="private",
            field=accounts.sealed.SealedField(
                codec="json", default=dict, editable=False, owner="user"
            ),
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.UniqueConstraint(
                condition=models.Q(("aside", False)),
                fields=("user", "exercise", "version"),
                name="healing_response_unique_version",
            ),
        ),
    ]

"""Reading the database the way an attacker with a copy of it would."""

from __future__ import annotations

import json
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.db.models import Model


def raw_dump() -> str:
    """Every value of every row of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts.extend(
                    bytes(value).decode("latin-1")
                    if isinstance(value, bytes | memoryview)
                    else str(value)
                    for value in row
                )
    return "\n".join(parts + _decoded_sessions())


def stored(instance: Model, field: str) -> str:
    """A column as the database holds it (for a sealed field: its token)."""
    return type(instance).objects.values_list(field, flat=True).get(pk=instance.pk)


def _decoded_sessions() -> list[str]:
    # Session data is signed and compressed, not encrypted: read it as an attacker could.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        return [json.dumps(store.decode(data)) for (data,) in cursor.fetchall()]

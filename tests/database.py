"""Reading the database the way an attacker with a copy of it would."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model

Row = dict[str, Any]
Snapshot = dict[str, dict[tuple, Row]]

_primary_keys: dict[str, list[str]] = {}  # by table: introspection is slow on PostgreSQL


def snapshot() -> Snapshot:
    """Every row of every table, by table and primary key."""
    tables: Snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in _primary_keys:
                _primary_keys[table] = (
                    connection.introspection.get_primary_key_columns(cursor, table) or []
                )
            key = _primary_keys[table]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            rows = tables[table] = {}
            for values in cursor.fetchall():
                row = {
                    column: bytes(value) if isinstance(value, memoryview) else value
                    for column, value in zip(columns, values, strict=True)
                }
                rows[tuple(row[column] for column in key) if key else tuple(values)] = row
    return tables


def raw_dump() -> str:
    """Every value of every row of every table, as text."""
    parts = [
        value.decode("latin-1") if isinstance(value, bytes) else str(value)
        for rows in snapshot().values()
        for row in rows.values()
        for value in row.values()
    ]
    return "\n".join(parts + _decoded_sessions())


@dataclass(frozen=True)
class Change:
    """One row that differs between two snapshots."""

    table: str
    key: tuple
    before: Row | None  # None: the row is new
    after: Row | None  # None: the row was removed

    @property
    def columns(self) -> set[str]:
        if self.before is None or self.after is None:
            return set(self.before or self.after or {})
        return {column for column, value in self.after.items() if self.before[column] != value}

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.table}: new row {self.key}"
        if self.after is None:
            return f"{self.table}: row {self.key} removed"
        return f"{self.table}: row {self.key} changed {sorted(self.columns)}"


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    found = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, {}), after.get(table, {})
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                found.append(Change(table, key, old.get(key), new.get(key)))
    return found


def rows_written() -> int:
    """How many rows this connection has written: a cheap way to know nothing changed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # in this transaction: tests run in one
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_all_tables"
            )
        else:
            cursor.execute("SELECT total_changes()")
        return int(cursor.fetchone()[0])


class Watch:
    """What changed in the database since the last look. A look costs one query while
    nothing is written, and a snapshot of every table when something was."""

    def __init__(self) -> None:
        self.written = rows_written()
        self.last = snapshot()

    def changes(self) -> list[Change]:
        written = rows_written()
        if written == self.written:
            return []
        now = snapshot()
        found = changes(self.last, now)
        self.written, self.last = written, now
        return found

    def missed(self) -> list[Change]:
        """Changes the counter did not see (it must see them all)."""
        return changes(self.last, snapshot())


def stored(instance: Model, field: str) -> str:
    """A column as the database holds it (for a sealed field: its token)."""
    return type(instance).objects.values_list(field, flat=True).get(pk=instance.pk)


def _decoded_sessions() -> list[str]:
    # Session data is signed and compressed, not encrypted: read it as an attacker could.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        return [json.dumps(store.decode(data)) for (data,) in cursor.fetchall()]

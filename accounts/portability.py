"""Export, import and deletion of everything a person gave us.

Each app registers one `Part` (in its AppConfig.ready) that knows its own models:
how to export them as JSON, write them as readable Markdown, and restore them
from that JSON without duplicating what is already there. Deleting an account
deletes the user row, and every registered model cascades from it; a test walks
every model related to the user and fails if one is not covered here.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User

FORMAT = "healing-hearts-export"
VERSION = 1
MAX_EXPORT_BYTES = 50 * 1024 * 1024


class UnreadableExport(ValueError):
    """The uploaded file is not an export we can restore; the message says why."""


@dataclass(frozen=True)
class Part:
    name: str
    # "app_label.ModelName" -> the lookup from that model to its owner ("user", "entry__user").
    models: dict[str, str]
    export: Callable[[User], Any]
    restore: Callable[[User, Any], dict[str, int]]
    markdown: Callable[[User], dict[str, str]] = field(default=lambda user: {})


PARTS: dict[str, Part] = {}


def register(part: Part) -> None:
    PARTS[part.name] = part


def export_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
    }
    for name, part in PARTS.items():
        data[name] = part.export(user)
    return data


def export_zip(user: User) -> bytes:
    """data.json (complete, re-importable) and readable Markdown files, zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(export_data(user), ensure_ascii=False, indent=2))
        for part in PARTS.values():
            for filename, text in part.markdown(user).items():
                archive.writestr(f"{part.name}/{filename}", text)
    return buffer.getvalue()


def read_export(raw: bytes) -> dict[str, Any]:
    """Parse an uploaded data.json, or the zip that holds it."""
    if raw[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                if archive.getinfo("data.json").file_size > MAX_EXPORT_BYTES:
                    raise UnreadableExport(
                        "The data.json in this zip is too large to be an export."
                    )
                raw = archive.read("data.json")
        except (zipfile.BadZipFile, KeyError):
            raise UnreadableExport(
                "This zip file has no data.json from Healing Hearts in it."
            ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers malformed JSON and numbers too long to read.
        raise UnreadableExport(
            "This file is not a Healing Hearts export (it is not JSON)."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UnreadableExport("This file is not a Healing Hearts export.")
    if data.get("version") != VERSION:
        raise UnreadableExport(
            f"This export is version {data.get('version')}; we can read {VERSION}."
        )
    return data


@transaction.atomic
def import_data(user: User, data: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Restore every part present in `data`; returns what was restored, per part."""
    report = {}
    for name, part in PARTS.items():
        if name in data:
            try:
                report[name] = part.restore(user, data[name])
            except (AttributeError, KeyError, TypeError, ValueError, DatabaseError) as error:
                raise UnreadableExport(
                    f"The “{name}” part of this export is damaged ({error})."
                ) from None
    return report


def describe(report: dict[str, dict[str, int]]) -> str:
    """A plain sentence for the person: what was restored, and that nothing was duplicated."""
    restored = [
        f"{count} {what.replace('_', ' ')}"
        for counts in report.values()
        for what, count in counts.items()
        if count
    ]
    if not restored:
        return "Everything in this file was already here: nothing needed restoring."
    return "Restored " + ", ".join(restored) + ". Anything already here was left as it was."

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
import lzma
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, transaction
from django.db.models import Model
from django.utils import timezone

from accounts import crypto

if TYPE_CHECKING:
    from accounts.models import User

FORMAT = "healing-hearts-export"
VERSION = 1
MAX_EXPORT_BYTES = 50 * 1024 * 1024
READ_CHUNK = 1024 * 1024
# A restore count whose name ends so counts items left out for breaking the forms' limits.
SKIPPED = "_over_the_limits"
TOO_LARGE = "The data.json in this zip is too large to be an export."
READABLE_COMPRESSION = {
    zipfile.ZIP_STORED,
    zipfile.ZIP_DEFLATED,
    zipfile.ZIP_BZIP2,
    zipfile.ZIP_LZMA,
}


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
        raw = _data_json_from_zip(raw)
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


def _data_json_from_zip(raw: bytes) -> bytes:
    """data.json from the zip, read a chunk at a time and never past the limit, whatever
    the zip's headers say its size is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        info = archive.getinfo("data.json")
    except (zipfile.BadZipFile, KeyError):
        raise UnreadableExport(
            "This zip file has no data.json from Healing Hearts in it."
        ) from None
    unzip_first = "Unzip it on your device first, then choose the data.json from inside it."
    if info.flag_bits & 0x1:
        raise UnreadableExport(f"This zip is protected with a password. {unzip_first}")
    if info.compress_type not in READABLE_COMPRESSION:
        raise UnreadableExport(f"This zip was made in a way we cannot read. {unzip_first}")
    if info.file_size > MAX_EXPORT_BYTES:
        raise UnreadableExport(TOO_LARGE)
    data = bytearray()
    try:
        with archive, archive.open(info) as member:
            while len(data) <= MAX_EXPORT_BYTES and (chunk := member.read(READ_CHUNK)):
                data += chunk
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error, lzma.LZMAError):
        raise UnreadableExport(
            f"This zip file is damaged, so its data.json cannot be read. {unzip_first} "
            "Or download your export again."
        ) from None
    if len(data) > MAX_EXPORT_BYTES:
        raise UnreadableExport(TOO_LARGE)
    return bytes(data)


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


def own_code(user: User, model: type[Model], value: Any) -> uuid.UUID:
    """The code a restored row gets in this account: the exported one, unless another
    account holds it (a restore into a second account); then one derived from it with
    this person's key, the same on every import, so a restore stays idempotent."""
    code = uuid.UUID(value)
    taken = model._default_manager.filter(code=code).exclude(user=user).exists()
    return uuid.UUID(hex=crypto.keyed_hash(user, f"import:{code}")) if taken else code


def describe(report: dict[str, dict[str, int]]) -> str:
    """Plain sentences for the person: what was restored, that nothing was duplicated, and
    what was left out for being over the limits (counted as "…_over_the_limits")."""
    restored, skipped = [], []
    for counts in report.values():
        for what, count in counts.items():
            if count:
                kept = what.removesuffix(SKIPPED)
                (skipped if kept != what else restored).append(f"{count} {kept.replace('_', ' ')}")
    if restored:
        text = "Restored " + ", ".join(restored) + ". Anything already here was left as it was."
    else:
        text = "Everything in this file was already here: nothing needed restoring."
    if skipped:
        text += (
            " Not restored, because they are longer than what can be written here: "
            + ", ".join(skipped)
            + "."
        )
    return text

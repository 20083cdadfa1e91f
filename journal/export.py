"""The journal's part of a person's export, import and account deletion."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils.datastructures import MultiValueDict
from django.utils.dateparse import parse_datetime

from accounts import crypto, portability
from healing.models import Exercise
from journal.forms import EntryForm
from journal.models import MAX_TAG, CheckIn, Content, Entry, Mood, Revision, Tag, tag_key

if TYPE_CHECKING:
    from accounts.models import User


def _when(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict[str, Any]:
    entries = (
        user.journal_entries.order_by("entry_date", "created_at", "pk")
        .select_related("prompt")
        .prefetch_related("tags", "revisions")
    )
    return {
        "tags": [
            {"code": str(tag.code), "name": tag.name, "created_at": _when(tag.created_at)}
            for tag in user.journal_tags.order_by("created_at", "pk")
        ],
        "entries": [_entry(entry) for entry in entries],
        "check_ins": [
            {"day": day.isoformat(), "mood": mood}
            for day, mood in user.mood_checkins.order_by("day").values_list("day", "mood")
        ],
    }


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "code": str(entry.code),
        "title": entry.title,
        "body": entry.body,
        "entry_date": entry.entry_date.isoformat(),
        "mood": entry.mood,
        "feelings": entry.feelings,
        "tags": [str(tag.code) for tag in sorted(entry.tags.all(), key=lambda t: t.pk)],
        "prompt": entry.prompt.key if entry.prompt else None,
        "created_at": _when(entry.created_at),
        "updated_at": _when(entry.updated_at),
        "trashed_at": _when(entry.trashed_at),
        "revisions": [
            {
                "code": str(revision.code),
                "kind": revision.kind,
                "snapshot": revision.snapshot,
                "written_at": _when(revision.written_at),
                "created_at": _when(revision.created_at),
            }
            for revision in sorted(entry.revisions.all(), key=lambda r: (r.created_at, r.pk))
        ],
    }


def _moment(value: Any, optional: bool = False) -> datetime.datetime | None:
    if value is None and optional:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        raise ValueError(f"{value!r} is not a date and time")
    return moment


def _checked(user: User, item: dict[str, Any], tag_names: dict[str, str]) -> Content | None:
    """The entry as the editor would take it, or None when it breaks the editor's limits."""
    data = MultiValueDict(
        {
            "title": [item.get("title", "")],
            "body": [item.get("body", "")],
            "entry_date": [item.get("entry_date", "")],
            "mood": ["" if item.get("mood") is None else str(item["mood"])],
            "feelings": list(item.get("feelings", {})),
            "tags": [", ".join(tag_names[code] for code in item.get("tags", []))],
        }
    )
    for code, level in item.get("feelings", {}).items():
        data[f"feelings-{code}"] = str(level)
    form = EntryForm(data, today=user.today())
    return form.content() if form.is_valid() else None


def _restore_tags(user: User, items: list[dict[str, Any]]) -> tuple[dict[str, str], int]:
    """Tags keep their codes (a tag is the same tag by its name), so links to them last.
    A name longer than the editor takes is left out (and so are entries that carry it)."""
    names, over_the_limits = {}, 0
    for item in items:
        name = str(item["name"])
        names[item["code"]] = name
        if len(name) > MAX_TAG:
            over_the_limits += 1
            continue
        digest = crypto.keyed_hash(user, tag_key(name))
        if not user.journal_tags.filter(name_hash=digest).exists():
            Tag.objects.create(
                user=user,
                code=portability.own_code(user, Tag, item["code"]),
                name=name,
                name_hash=digest,
                created_at=_moment(item["created_at"]),
            )
    return names, over_the_limits


def restore(user: User, data: dict[str, Any]) -> dict[str, int]:
    tag_names, tags_over_the_limits = _restore_tags(user, data.get("tags", []))
    counts = {
        "journal_entries": 0,
        "journal_entries_over_the_limits": 0,
        "tags_over_the_limits": tags_over_the_limits,
    }
    prompts = {exercise.key: exercise for exercise in Exercise.objects.all()}
    for item in data.get("entries", []):
        code = portability.own_code(user, Entry, item["code"])
        if user.journal_entries.filter(code=code).exists():
            continue
        content = _checked(user, item, tag_names)
        if content is None:
            counts["journal_entries_over_the_limits"] += 1
            continue
        entry = Entry(
            user=user,
            code=code,
            prompt=prompts.get(item.get("prompt") or ""),
            created_at=_moment(item["created_at"]),
            trashed_at=_moment(item.get("trashed_at"), optional=True),
        )
        entry.apply(content, editor="")
        for revision in item.get("revisions", []):
            snapshot = Content.from_json(revision["snapshot"])
            if _checked(user, {**snapshot.as_json(), "tags": []}, tag_names) is None:
                counts["journal_entries_over_the_limits"] += 1
                continue
            Revision.objects.create(
                entry=entry,
                user=user,
                code=portability.own_code(user, Revision, revision["code"]),
                kind=Revision.Kind(revision["kind"]),
                snapshot=snapshot.as_json(),
                written_at=_moment(revision["written_at"]),
                created_at=_moment(revision["created_at"]),
            )
        # auto_now would stamp the import time; keep the exported one.
        Entry.objects.filter(pk=entry.pk).update(updated_at=_moment(item["updated_at"]))
        counts["journal_entries"] += 1
    counts["mood_check_ins"] = _restore_check_ins(user, data.get("check_ins", []))
    return counts


def _restore_check_ins(user: User, items: list[dict[str, Any]]) -> int:
    restored = 0
    for item in items:
        if item["mood"] not in Mood.values:
            raise ValueError(f"{item['mood']!r} is not a mood from 1 to 5")
        _, created = CheckIn.objects.get_or_create(
            user=user,
            day=datetime.date.fromisoformat(item["day"]),
            defaults={"mood": item["mood"]},
        )
        restored += created
    return restored


def markdown(user: User) -> dict[str, str]:
    """One readable file per entry."""
    files = {}
    entries = user.journal_entries.order_by("entry_date", "created_at").prefetch_related("tags")
    for entry in entries:
        content = entry.content()
        lines = [f"# {content.title or 'Entry of ' + entry.entry_date.isoformat()}", ""]
        lines += [
            f"- {label}: {text}"
            for label, text in content.describe()
            if label not in ("Title", "Entry")
        ]
        if entry.in_trash:
            lines.append("- In the trash")
        lines += ["", content.body, ""]
        files[f"{entry.entry_date.isoformat()}-{str(entry.code)[:8]}.md"] = "\n".join(lines)
    return files


def register() -> None:
    portability.register(
        portability.Part(
            name="journal",
            models={
                "journal.Entry": "user",
                "journal.Entry_tags": "entry__user",
                "journal.Tag": "user",
                "journal.Revision": "user",
                "journal.EntryWord": "user",
                "journal.CheckIn": "user",
            },
            export=export,
            restore=restore,
            markdown=markdown,
        )
    )

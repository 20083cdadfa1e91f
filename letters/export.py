"""Letters' part of a person's export, import and account deletion."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from accounts import portability
from letters.forms import LetterForm
from letters.models import Draft, Letter, LetterAside

if TYPE_CHECKING:
    from accounts.models import User


def _when(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: Any, optional: bool = False) -> datetime.datetime | None:
    if value is None and optional:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        raise ValueError(f"{value!r} is not a date and time")
    return moment


def export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "code": str(letter.code),
            "body": letter.body,
            "arrives_on": letter.arrives_on.isoformat(),
            "opened_at": _when(letter.opened_at),
            "announced_at": _when(letter.announced_at),
            "created_at": _when(letter.created_at),
            "updated_at": _when(letter.updated_at),
            "kept_aside": [
                {"code": str(aside.code), "snapshot": aside.snapshot}
                for aside in sorted(letter.asides.all(), key=lambda a: (a.created_at, a.pk))
            ],
        }
        for letter in user.letters.order_by("arrives_on", "created_at", "pk").prefetch_related(
            "asides"
        )
    ]


def _checked(data: dict[str, Any]) -> Draft | None:
    """The letter as the editor would take it, or None when its text is over the limit.
    Its day is kept as exported: a letter that has arrived stays arrived."""
    draft = Draft.from_json(data)
    if draft.arrives_on is None:
        raise ValueError("a letter needs the day it arrives")
    try:
        LetterForm.base_fields["body"].clean(draft.body)
    except forms.ValidationError:
        return None
    return draft


def restore(user: User, data: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"letters": 0, "letters_over_the_limits": 0}
    for item in data:
        code = portability.own_code(user, Letter, item["code"])
        if user.letters.filter(code=code).exists():
            continue
        draft = _checked(item)
        if draft is None:
            counts["letters_over_the_limits"] += 1
            continue
        letter = Letter(
            user=user,
            code=code,
            opened_at=_moment(item.get("opened_at"), optional=True),
            announced_at=_moment(item.get("announced_at"), optional=True),
            created_at=_moment(item["created_at"]),
        )
        letter.apply(draft, editor="")
        for kept in item.get("kept_aside", []):
            aside = _checked(kept["snapshot"])
            if aside is not None:
                LetterAside.objects.create(
                    letter=letter,
                    user=user,
                    code=portability.own_code(user, LetterAside, kept["code"]),
                    snapshot=aside.as_json(),
                )
        # auto_now would stamp the import time; keep the exported one.
        Letter.objects.filter(pk=letter.pk).update(updated_at=_moment(item["updated_at"]))
        counts["letters"] += 1
    return counts


def markdown(user: User) -> dict[str, str]:
    """One readable file per letter."""
    files = {}
    for letter in user.letters.order_by("arrives_on", "created_at"):
        day = date_format(letter.arrives_on, "j F Y")
        lines = [f"# A letter to my future self, for {day}", ""]
        written = date_format(letter.created_at.astimezone(user.zone()).date(), "j F Y")
        lines += [f"- Written: {written}", f"- Arrives: {day}"]
        if letter.opened_at:
            opened = letter.opened_at.astimezone(user.zone()).date()
            lines.append(f"- Opened: {date_format(opened, 'j F Y')}")
        lines += ["", letter.body, ""]
        files[f"{letter.arrives_on.isoformat()}-{str(letter.code)[:8]}.md"] = "\n".join(lines)
    return files


def register() -> None:
    portability.register(
        portability.Part(
            name="letters",
            models={"letters.Letter": "user", "letters.LetterAside": "user"},
            export=export,
            restore=restore,
            markdown=markdown,
        )
    )

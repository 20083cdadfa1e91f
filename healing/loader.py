"""Load the guide's content files (content/*.md) into the database, idempotently.

The files are the source of truth. A chapter whose file changed is updated, unless
staff edited it in the admin (then it is left alone unless forced). Exercises keep
their stable keys; one that disappears from the files is retired, never deleted,
so no one's answer is orphaned. People's answers are never touched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from healing import guide_cache, markdown
from healing.models import Chapter, Exercise, Kind

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CHAPTER_FIELDS = ("order", "title", "short_title", "summary", "key_ideas", "closing")
EXERCISE_FIELDS = ("id", "kind", "title", "intro")


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the problem."""


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_admin_edits: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [
            f"{name.replace('_', ' ')}: {', '.join(items)}"
            for name, items in vars(self).items()
            if items
        ]
        return "; ".join(parts) or "nothing to load"


def parse(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    try:
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
    except (ValueError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: no readable front matter ({error})") from None
    declared = [exercise["id"] for exercise in meta.get("exercises") or []]
    placed = markdown.markers(body)
    if sorted(declared) != sorted(placed) or len(set(placed)) != len(placed):
        raise ContentError(
            f"{path.name}: exercises declared {declared} but placed {placed} in the text"
        )
    for exercise in meta.get("exercises") or []:
        if exercise.get("kind") not in Kind.values:
            raise ContentError(f"{path.name}: {exercise.get('id')} has an unknown kind")
    meta["source_hash"] = hashlib.sha256(text.encode()).hexdigest()
    return meta, body.strip() + "\n"


@transaction.atomic
def load_guide(force: bool = False, directory: Path = CONTENT_DIR) -> Report:
    report = Report()
    keep: set[str] = set()
    for path in sorted(directory.glob("*.md")):
        meta, body = parse(path)
        chapter = Chapter.objects.filter(slug=meta["slug"]).first()
        if chapter and chapter.source_hash == meta["source_hash"] and not force:
            report.unchanged.append(chapter.slug)
        elif chapter and chapter.edited_in_admin and not force:
            report.kept_admin_edits.append(chapter.slug)
            keep.update(chapter.exercises.current().values_list("key", flat=True))
        else:
            (report.updated if chapter else report.created).append(meta["slug"])
            chapter = _save_chapter(chapter or Chapter(slug=meta["slug"]), meta, body)
            _save_exercises(chapter, meta.get("exercises") or [])
        keep.update(exercise["id"] for exercise in meta.get("exercises") or [])
    gone = Exercise.objects.current().exclude(key__in=keep)
    report.retired = list(gone.values_list("key", flat=True))
    gone.update(retired=True)
    guide_cache.forget()  # the retirements above send no signal
    return report


def _save_chapter(chapter: Chapter, meta: dict[str, Any], body: str) -> Chapter:
    for name in CHAPTER_FIELDS:
        default: Any = [] if name == "key_ideas" else ""
        value = meta.get(name)
        setattr(chapter, name, default if value is None else value)
    chapter.body = body
    chapter.source_hash = meta["source_hash"]
    chapter.edited_in_admin = False
    chapter.save()
    return chapter


def _save_exercises(chapter: Chapter, declared: list[dict[str, Any]]) -> None:
    for order, item in enumerate(declared):
        config = {name: value for name, value in item.items() if name not in EXERCISE_FIELDS}
        Exercise.objects.update_or_create(
            key=item["id"],
            defaults={
                "chapter": chapter,
                "kind": item["kind"],
                "title": item["title"],
                "intro": item.get("intro", ""),
                "config": config,
                "order": order,
                "retired": False,
            },
        )

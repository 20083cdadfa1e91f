"""The feelings vocabulary, shared by the guide's check-in and the journal.

Loaded once from content/feelings.yaml: the guide's own words first (disbelief,
vulnerability, an aching void, sadness, anger), then common ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Feeling:
    code: str
    name: str
    description: str


def _load() -> tuple[Feeling, ...]:
    path = Path(__file__).resolve().parent / "content" / "feelings.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Feeling(row["code"], row["name"], row["description"]) for row in rows)


FEELINGS: tuple[Feeling, ...] = _load()
BY_CODE: dict[str, Feeling] = {feeling.code: feeling for feeling in FEELINGS}

INTENSITIES: dict[int, str] = {1: "A little", 2: "Somewhat", 3: "Strongly", 4: "Very strongly"}

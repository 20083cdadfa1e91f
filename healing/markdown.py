"""Markdown to safe HTML for the guide's stored chapters.

Raw HTML in the source is never passed through (markdown-it with html off), and
the result is sanitised with nh3 anyway. Exercise markers (`[[exercise:key]]` on
their own line) become HTML comments after sanitising — nh3 strips comments, so
they cannot come from the source — and the chapter page splits on them.
"""

from __future__ import annotations

import math
import re

import nh3
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False})
_MARKER = re.compile(r"<p>\[\[exercise:([a-z0-9-]+)\]\]</p>")
PLACEHOLDER = re.compile(r"<!--exercise:([a-z0-9-]+)-->")
SOURCE_MARKER = re.compile(r"^\[\[exercise:([a-z0-9-]+)\]\]\s*$", re.MULTILINE)
WORDS_PER_MINUTE = 200


def render(source: str) -> str:
    html = nh3.clean(_renderer.render(source))
    return _MARKER.sub(lambda match: f"<!--exercise:{match.group(1)}-->", html)


def markers(source: str) -> list[str]:
    return SOURCE_MARKER.findall(source)


def split(html: str) -> list[tuple[str, str]]:
    """[("html", fragment), ("exercise", key), …] in reading order."""
    pieces = PLACEHOLDER.split(html)
    sections = []
    for index, piece in enumerate(pieces):
        if index % 2:
            sections.append(("exercise", piece))
        elif piece.strip():
            sections.append(("html", piece))
    return sections


def reading_minutes(source: str) -> int:
    words = len(SOURCE_MARKER.sub("", source).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))

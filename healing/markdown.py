"""Markdown to safe HTML: the guide's stored chapters, and what people write.

Raw HTML in the source is never passed through (markdown-it with html off), and
the result is sanitised with nh3 anyway. Exercise markers (`[[exercise:key]]` on
their own line) become HTML comments after sanitising — nh3 strips comments, so
they cannot come from the source — and the chapter page splits on them.

A person's own text (`render_private`) is stricter still: links open nothing of
ours to the other site (`rel="noopener noreferrer nofollow"`), only http(s) and
mailto links survive, and an image becomes a link to it, never loaded — loading it
would tell a third party that the page was read.
"""

from __future__ import annotations

import math
import re
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False})
_MARKER = re.compile(r"<p>\[\[exercise:([a-z0-9-]+)\]\]</p>")
PLACEHOLDER = re.compile(r"<!--exercise:([a-z0-9-]+)-->")
SOURCE_MARKER = re.compile(r"^\[\[exercise:([a-z0-9-]+)\]\]\s*$", re.MULTILINE)
WORDS_PER_MINUTE = 200


def _image_as_link(
    self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "an image"
    href = escape(token.attrGet("src") or "")
    return f'<a href="{href}">Image: {escape(alt)}</a>'


_private = MarkdownIt("commonmark", {"html": False, "linkify": False})
_private.add_render_rule("image", _image_as_link)
_PRIVATE_TAGS = nh3.ALLOWED_TAGS - {"img"}


def render_private(source: str) -> str:
    """A person's own Markdown as safe HTML."""
    return nh3.clean(
        _private.render(source),
        tags=_PRIVATE_TAGS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


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

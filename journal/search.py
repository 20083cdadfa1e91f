"""Words for the blind index, and highlighted snippets.

A word is a run of letters and digits; it is folded (case and accents) before it is
hashed, so "Été" finds "ete" and "ETE". Only whole words are found, never prefixes
or stems. The index holds keyed hashes of these words (accounts.crypto.keyed_hash),
never the words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
SNIPPET = 160


def fold(word: str) -> str:
    """Lower case, without accents: "Élan" and "elan" are the same word."""
    if word.isascii():
        return word.lower()  # the same as below for plain letters, and much faster
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> set[str]:
    return {fold(match) for match in WORD.findall(text)}


def snippet(text: str, wanted: set[str]) -> SafeString:
    """Some words around the first match, escaped, with every match marked. Reads the
    text only as far as the snippet goes: an entry can be 200,000 characters long."""
    matches = (m for m in WORD.finditer(text) if fold(m.group()) in wanted)
    first = next(matches, None)
    if first is None:
        return mark_safe(escape(_clip(text, 0)))  # noqa: S308 (escaped)
    start = max(0, first.start() - SNIPPET // 3)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET)
    parts = ["…" if start else ""]
    cursor = start
    for match in itertools.chain([first], matches):
        if match.start() >= end:
            break
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped)


def _clip(text: str, start: int) -> str:
    clipped = text[start : start + SNIPPET]
    return clipped + ("…" if len(text) > start + SNIPPET else "")

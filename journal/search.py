"""Words for the blind index, and highlighted snippets.

A word is a run of letters and digits; it is folded (case and accents) before it is
hashed, so "Été" finds "ete" and "ETE". Only whole words are found, never prefixes
or stems. The index holds keyed hashes of these words (accounts.crypto.keyed_hash),
never the words.
"""

from __future__ import annotations

import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterator

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
NOT_ASCII_LETTER = re.compile(r"[^\W\x00-\x7f]")  # part of a word, beyond ASCII
PLAIN = re.compile(r"[0-9a-z_]+")  # what a word of ASCII letters folds to
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
    matches = _matches(text, wanted)
    first = next(matches, None)
    if first is None:
        return mark_safe(escape(_clip(text, 0)))  # noqa: S308 (escaped)
    start = max(0, first[0] - SNIPPET // 3)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET)
    parts = ["…" if start else ""]
    cursor = start
    for found, after in itertools.chain([first], matches):
        if found >= end:
            break
        parts.append(escape(text[cursor:found]))
        parts.append(f"<mark>{escape(text[found:after])}</mark>")
        cursor = after
    parts.append(escape(text[cursor:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped)


def _matches(text: str, wanted: set[str]) -> Iterator[tuple[int, int]]:
    """Where the words of `text` that fold to one of `wanted` start and end, in order.

    Folding each word costs a few Python calls, and a match may come after hundreds of
    words. When every letter of the text is ASCII, folding is lowering: the lowered
    text is searched for each wanted word instead, and only what is found is checked
    (that it is a whole word)."""
    if NOT_ASCII_LETTER.search(text):
        return ((m.start(), m.end()) for m in WORD.finditer(text) if fold(m.group()) in wanted)
    lowered = text.lower()  # the same length: only a letter beyond ASCII (İ) lowers to two
    return heapq.merge(*(_whole(lowered, word) for word in wanted if PLAIN.fullmatch(word)))


def _whole(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where `word` stands in `text` as a whole word (not inside a longer one)."""
    found = text.find(word)
    while found != -1:
        after = found + len(word)
        if not (_letter(text, found - 1) or _letter(text, after)):
            yield found, after
        found = text.find(word, after)


def _letter(text: str, at: int) -> bool:
    """Whether text[at] is part of a word (a letter, a digit or "_", as WORD has it)."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _clip(text: str, start: int) -> str:
    clipped = text[start : start + SNIPPET]
    return clipped + ("…" if len(text) > start + SNIPPET else "")

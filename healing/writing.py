"""The writing core shared by the guide's exercises and the journal.

- Text is stored as typed, with line breaks as "\\n" however they arrived (a plain
  form post sends "\\r\\n", the autosave engine "\\n"), and a character is a code
  point everywhere: here, in the limit and in the engine's live counter.
- Every private object a page can save carries a save counter and the id of the
  page (the "editor") that wrote it last. A save says which counter its page
  started from; it is stale only if the counter has moved *and* another page
  wrote, so a retried save whose reply was lost is acknowledged, not refused.
- A stale save is never applied: its text is kept aside and the person sees both
  texts (see `compare`) and chooses.

The browser's half of this contract is written at the top of static/js/autosave.js.
"""

from __future__ import annotations

import difflib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from django import forms
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.sealed import SealedField

EDITOR_ID = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
OR_SPLIT = "carry on in another one"
# Earlier states kept of each object (snapshots): the oldest beyond these are deleted.
KEEP_SNAPSHOTS = 100


def normalise(text: str) -> str:
    """Line breaks as "\\n", whichever way the browser sent them; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def new_editor_id() -> str:
    """A random id for one open page, so its saves can be told from another page's."""
    return secrets.token_urlsafe(12)


class PrivateText(forms.CharField):
    """Private text: stored exactly as typed (no stripping), with one limit in code points.

    The limit is checked by the server and shown by the page's live counter
    (`data-limit`); never by a browser `maxlength`, which would cut a long paste
    silently and lose its end.
    """

    def __init__(
        self, *, limit: int, what: str = "Answers", instead: str = OR_SPLIT, **kwargs: Any
    ) -> None:
        self.limit = limit
        self.what = what
        self.instead = instead
        super().__init__(strip=False, **kwargs)

    def to_python(self, value: Any) -> str:
        return normalise(super().to_python(value))

    def validate(self, value: str) -> None:
        super().validate(value)
        if len(value) > self.limit:
            message = too_long(self.what, self.limit, len(value), self.instead)
            raise forms.ValidationError(message, "max_length")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "data-limit": str(self.limit), "dir": "auto"}


def too_long(what: str, limit: int, length: int, instead: str = OR_SPLIT) -> str:
    return (
        f"{what} can be up to {limit:,} characters; this one has {length:,}. Your text is "
        f"still here: shorten it, or {instead}."
    )


class SaveStamp(forms.Form):
    """Which save counter the page started from, and which page it is."""

    base = forms.IntegerField(min_value=0, required=False)
    editor = forms.RegexField(regex=EDITOR_ID, required=False)

    def stamp(self) -> tuple[int, str]:
        data = self.cleaned_data
        return data.get("base") or 0, data.get("editor") or ""

    def editor_id(self) -> str:
        """This page's editor id, or a new one when the page sent none that can be used."""
        return (self.is_valid() and self.cleaned_data.get("editor")) or new_editor_id()


class ResolveForm(forms.Form):
    """How a conflict ends: keep the text saved elsewhere (nothing to write), keep this
    page's (kept aside when the conflict was found), or save a merge of the two."""

    resolve = forms.UUIDField()
    keep = forms.ChoiceField(choices=[("theirs", "theirs"), ("mine", "mine"), ("merged", "merged")])


class Versioned(models.Model):
    """A private object saved from pages: a counter bumped on every write, and the last writer."""

    save_count = models.PositiveIntegerField(default=0, editable=False)
    editor = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        abstract = True

    def is_stale(self, base: int, editor: str) -> bool:
        """True when another page wrote since `base`; a page's own retries are never stale."""
        return self.save_count != base and self.editor != editor

    def stamp_write(self, editor: str) -> None:
        self.save_count += 1
        self.editor = editor

    def write_from_page(
        self, content: Any, stamp: tuple[int, str], check: bool = True, **apply: Any
    ) -> Any | None:
        """Write `content` (a save from the page `stamp`) over this row, locked by the
        caller. Returns None when it was written or changed nothing (a retry), and the
        page's text kept aside when another page wrote first: nothing is replaced then.
        `check=False` writes whatever the stamp says (settling a conflict).

        The model provides content(), apply(content, editor, **apply) and
        keep_aside(content, editor)."""
        base, editor = stamp
        if self.content() == content:
            return None
        if check and self.is_stale(base, editor):
            return self.keep_aside(content, editor)
        self.apply(content, editor, **apply)
        return None

    def restore(self, snapshot: Snapshot, editor: str) -> None:
        """Go back to an earlier snapshot; what is replaced is kept as one too.
        A subclass has `apply(content, editor, keep_as)`."""
        self.apply(snapshot.content(), editor, keep_as=snapshot.Kind.BEFORE_RESTORE)


class SnapshotQuerySet(models.QuerySet):
    def snapshot(self, of: Versioned, kind: str) -> Snapshot:
        """Keep `of` as it is now, as a snapshot of `kind`; only the newest
        KEEP_SNAPSHOTS of each object are kept."""
        mine = self.filter(**{self.model.OF: of})
        snapshot = self.create(
            **{self.model.OF: of},
            user=of.user,
            kind=kind,
            editor=of.editor,
            snapshot=of.content().as_json(),
            written_at=of.updated_at,
        )
        keep = mine.order_by("-created_at", "-pk").values("pk")[:KEEP_SNAPSHOTS]
        mine.exclude(pk__in=models.Subquery(keep)).delete()
        return snapshot

    def keep_aside(self, of: Versioned, content: Any, editor: str) -> Snapshot:
        """A stale page's text, kept "from another tab" until the person chooses; the
        same page's retries update it rather than pile up."""
        found = {self.model.OF: of, "editor": editor, **self.model.ASIDE}
        aside = self.filter(**found).first() or self.model(**found, user=of.user)
        aside.snapshot = content.as_json()
        aside.save()
        return aside


class Snapshot(models.Model):
    """An earlier state of a Versioned object, or (kind "aside") a page's text kept in
    a conflict. A subclass adds the object's foreign key, named by OF, the `user` and
    `kind` fields, and CONTENT: the class whose from_json opens a snapshot."""

    OF: ClassVar[str]
    CONTENT: ClassVar[Any]
    # What marks a snapshot as a page's text kept aside (a model with no other kind: nothing).
    ASIDE: ClassVar[dict[str, str]] = {"kind": "aside"}

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    editor = models.CharField(max_length=32, blank=True, editable=False)
    snapshot = SealedField(codec="json", owner="user")
    written_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def content(self) -> Any:
        return self.CONTENT.from_json(self.snapshot)

    def describe(self) -> list[tuple[str, str]]:
        return self.content().describe()


def record(
    rows: models.QuerySet[Any],
    new: Callable[[], Versioned],
    content: Any,
    stamp: tuple[int, str],
    **apply: Any,
) -> Any:
    """Save `content` from a page that started at save counter `stamp[0]`, with editor
    id `stamp[1]`, into the one row of `rows` (a person's row by its code), or into
    `new()` when there is none: the first save creates it, once however often it is
    retried. `apply` goes to the row's apply() when it is written over.

    Raises NothingYet for an empty new row, DoesNotExist for a code that is someone
    else's, and Stale, with this page's text kept aside, when another page saved first."""
    try:
        row, aside = _record_once(rows, new, content, stamp, False, apply)
    except IntegrityError:
        # The code was taken meanwhile: by this page's own retry, or by someone else.
        row, aside = _record_once(rows, new, content, stamp, True, apply)
    if aside is not None:
        raise Stale(row, aside)
    return row


@transaction.atomic
def _record_once(
    rows: models.QuerySet[Any],
    new: Callable[[], Versioned],
    content: Any,
    stamp: tuple[int, str],
    retrying: bool,
    apply: dict[str, Any],
) -> tuple[Any, Any | None]:
    row = rows.select_for_update().first()
    if row is not None:
        return row, row.write_from_page(content, stamp, **apply)
    if retrying:
        raise rows.model.DoesNotExist("that code is not this person's")
    if content.is_empty():
        raise NothingYet
    row = new()
    row.apply(content, stamp[1])
    return row, None


def saved_status(saved: Any, zone: Any) -> dict[str, Any]:
    """What an accepted autosave answers: the time it was saved, and the new counter."""
    return {"status": f"Saved {saved.updated_at.astimezone(zone):%H:%M}", "base": saved.save_count}


def refused_status(form: forms.Form) -> dict[str, Any]:
    """What a refused autosave answers: every reason, in the status line."""
    errors = " ".join(error for errors in form.errors.values() for error in errors)
    return {"status": "Not saved — " + errors, "error": True}


class NothingYet(Exception):
    """A first save with nothing in it: there is nothing to keep yet."""


class Described(Protocol):
    def describe(self) -> list[tuple[str, str]]: ...


class Stale(Exception):
    """A save from a page that had not seen the latest text. Nothing was replaced: the
    page's text was kept aside (`aside`), beside the current one (`current`)."""

    def __init__(self, current: Any, aside: Any) -> None:
        super().__init__("another page saved this first")
        self.current = current
        self.aside = aside


@dataclass
class Conflict:
    """What the conflict view shows: the text saved elsewhere and this page's, kept aside."""

    current: Described
    aside: Described

    @property
    def pairs(self) -> list[tuple[str, SafeString, SafeString]]:
        """(label, theirs, mine) for each part of the text, differences marked."""
        theirs, mine = dict(self.current.describe()), dict(self.aside.describe())
        labels = list(theirs) + [label for label in mine if label not in theirs]
        return [(label, *compare(theirs.get(label, ""), mine.get(label, ""))) for label in labels]


def compare(theirs: str, mine: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, word by word: what only the other has is marked <del>, what
    only this one has <ins>. The markup itself carries the meaning, not colour alone."""
    # Word by word (each with the space after it), or line by line for long texts: the
    # comparison grows with the product of their lengths.
    unit = r"\S+\s*|\s+" if len(theirs) + len(mine) < 40_000 else r"[^\n]*\n|[^\n]+"
    a, b = re.findall(unit, theirs), re.findall(unit, mine)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(f'<del><span class="visually-hidden">Only here: </span>{old}</del>')
        if new:
            right.append(f'<ins><span class="visually-hidden">Only here: </span>{new}</ins>')
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped above)

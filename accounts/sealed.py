"""Private fields, sealed with their owner's data key.

A model declares a private field once:

    body = SealedField(owner="user")                   # text
    answer = SealedField(codec="json", owner="user")   # any JSON value

and from then on reads and assigns plain text (or JSON) like any other field. The
column holds only the Fernet token: a value is sealed when its row is saved
(`pre_save`, so `save()` and `bulk_create()` both seal), and opened on first read
with the owner's data key, then kept open on the instance. Views and forms never
see a token. Writing plain text past the model (`QuerySet.update`, `bulk_update`,
a filter on the field) raises instead of storing it in clear.

The owner is the attribute named by `owner` ("self" for the user row itself). It is
never fetched twice: rows read through the owner's related manager have it attached
already, and during a signed-in request (`opening_for`, set by middleware) a row
whose owner is that person uses the person already in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from accounts import crypto

if TYPE_CHECKING:
    from accounts.models import User

CODECS = ("text", "json")
_person: ContextVar[User | None] = ContextVar("sealed_person", default=None)


@contextmanager
def opening_for(person: User) -> Iterator[None]:
    """Within this block, rows owned by `person` open with this very instance."""
    token = _person.set(person)
    try:
        yield
    finally:
        _person.reset(token)


class Token(str):
    """A sealed value as stored in the database: never plain text."""


class SealedAttribute(DeferredAttribute):
    """Opens the stored token on read; keeps assigned plain values until the row is saved."""

    def __get__(self, instance: models.Model | None, cls: type | None = None) -> Any:
        if instance is None:
            return self
        raw = super().__get__(instance, cls)  # loads a deferred column
        if not isinstance(raw, Token):
            return raw
        opened = instance.__dict__.setdefault("_opened", {})
        token, plain = opened.get(self.field.attname, (None, None))
        if token != raw:
            plain = self.field.open(instance, raw)
            opened[self.field.attname] = (raw, plain)
        return plain

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class SealedField(models.TextField):
    """A private value stored as a token sealed with the owner's data key."""

    descriptor_class = SealedAttribute

    def __init__(self, *args: Any, codec: str = "text", owner: str = "user", **kwargs: Any):
        if codec not in CODECS:
            raise ValueError(f"codec must be one of {CODECS}; got {codec!r}")
        self.codec = codec
        self.owner = owner
        kwargs.setdefault("editable", False)  # never in a ModelForm or the admin
        kwargs.setdefault("default", dict if codec == "json" else "")
        super().__init__(*args, **kwargs)

    def empty(self) -> Any:
        """The value of an empty column: nothing was written, so nothing is sealed."""
        return {} if self.codec == "json" else ""

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["codec"] = self.codec
        kwargs["owner"] = self.owner
        return name, path, args, kwargs

    def owner_of(self, instance: models.Model) -> User:
        if self.owner == "self":
            return instance
        relation = instance._meta.get_field(self.owner)
        person = _person.get()
        if (
            not relation.is_cached(instance)
            and person is not None
            and person.pk == getattr(instance, relation.attname)
        ):
            return person
        return getattr(instance, self.owner)

    def seal(self, instance: models.Model, value: Any) -> Token:
        text = json.dumps(value, ensure_ascii=False) if self.codec == "json" else value
        if not isinstance(text, str):
            raise TypeError(f"{self.name} holds text; got {type(value).__name__}")
        return Token(crypto.encrypt(self.owner_of(instance), text))

    def open(self, instance: models.Model, token: Token) -> Any:
        text = crypto.decrypt(self.owner_of(instance), token)
        return json.loads(text) if self.codec == "json" else text

    def pre_save(self, model_instance: models.Model, add: bool) -> Token:
        raw = model_instance.__dict__.get(self.attname)
        if isinstance(raw, Token):
            return raw
        token = self.seal(model_instance, raw)
        model_instance.__dict__[self.attname] = token
        model_instance.__dict__.setdefault("_opened", {})[self.attname] = (token, raw)
        return token

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return Token(value) if value else self.empty()

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or isinstance(value, Token):
            return value
        if value == self.empty():
            return ""  # a new column's default for existing rows: empty, nothing to hide
        raise TypeError(
            f"{self.name} is sealed when its row is saved; it cannot be written or "
            "compared as plain text."
        )

    def value_from_object(self, obj: models.Model) -> Token:
        # What serialisers and the admin would show: the token, never the text.
        return self.pre_save(obj, add=False)

    def formfield(self, **kwargs: Any) -> None:
        return None

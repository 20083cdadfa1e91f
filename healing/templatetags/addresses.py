"""{% address "name" %}: what {% url "name" %} gives for a URL without arguments, reversed
once per process.

reverse() walks the URL patterns on every call (about ninety Python calls); Today's dozen
links paid for that on every request (bench/inprocess.py). A URL without arguments depends
only on its name, the prefix the site is served under and the language, so it is kept
under all three.
"""

from __future__ import annotations

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

register = template.Library()


@functools.cache
def _reversed(name: str, prefix: str, language: str | None) -> str:
    return reverse(name)


@register.simple_tag
def address(name: str) -> str:
    return _reversed(name, get_script_prefix(), get_language())

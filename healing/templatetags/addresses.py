"""{% address "name" %}: what {% url "name" %} gives for a URL without arguments, reversed
once per process.

reverse() walks the URL patterns on every call (about ninety Python calls); the header and
footer every page draws hold ten such links, Today a dozen more (bench/inprocess.py). A URL
without arguments depends only on its name, the URLconf, the prefix the site is served
under and the language, so it is kept under all four.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()


@functools.cache
def _reversed(name: str, urlconf: str, prefix: str, language: str | None) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def address(name: str) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(name, urlconf, get_script_prefix(), get_language())

"""{% link "name" %}: the URL of a page that takes no arguments, worked out once per
process. The header and footer every page draws link to ten such pages, and Django's
{% url %} works each out again on every request."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@functools.cache
def _resolved(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def link(name: str) -> str:
    # Keyed on all that reverse() reads, so a test that swaps the URLconf gets its own.
    return _resolved(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())

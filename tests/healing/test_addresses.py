"""{% address %}: {% url %} for a URL without arguments, reversed once per process."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import set_script_prefix


def draw(source: str) -> str:
    return Template("{% load addresses %}" + source).render(Context())


@pytest.mark.parametrize("name", ["home", "journal:entry-new", "guide:reflections", "support"])
def test_it_gives_what_url_gives(name):
    assert draw(f"{{% address '{name}' %}}") == draw(f"{{% url '{name}' %}}")


def test_it_follows_the_prefix_the_site_is_served_under():
    before = draw("{% address 'journal:insights' %}")
    set_script_prefix("/under/")
    try:
        assert draw("{% address 'journal:insights' %}") == "/under/insights/"
    finally:
        set_script_prefix("/")
    assert draw("{% address 'journal:insights' %}") == before == "/insights/"

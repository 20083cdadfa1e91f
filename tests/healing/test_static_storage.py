"""Static files as production links them: hashed names from the manifest."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from healing.storage import StaticStorage


@pytest.fixture
def collected(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "healing.storage.StaticStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return StaticStorage(location=tmp_path)


def test_each_file_links_to_its_hashed_copy_and_the_answer_is_kept(collected):
    url = collected.url("css/base.css")

    assert url.startswith("/static/css/base.") and url.endswith(".css")
    assert url != "/static/css/base.css"
    assert collected.url("css/base.css") == url
    assert collected._urls == {"css/base.css": url}


def test_a_missing_file_is_an_error_every_time(collected):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            collected.url("css/no-such-file.css")

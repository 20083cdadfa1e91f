from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

BUDGET_BYTES = 60 * 1024
ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="/static/([^"]+\.(?:js|css))"')


def transferred_weight(html: str) -> int:
    """Compressed size of the page and every script and stylesheet it loads."""
    total = len(gzip.compress(html.encode()))
    for asset in set(ASSET.findall(html)):
        path = finders.find(asset)
        assert path, f"{asset} is linked but not found"
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    return total


@pytest.mark.parametrize("path", ["/", "/support/", "/privacy/", "/accounts/login/"])
def test_every_page_weighs_under_60_kb_transferred(client, db, path):
    html = client.get(path).content.decode()

    assert ASSET.search(html), "the page should load the site's CSS and JS"
    assert transferred_weight(html) < BUDGET_BYTES

"""What a person writes is shown as text or safe Markdown, never as code, in every place."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO

import pytest

from accounts import portability
from journal.models import Content
from tests.journal.factories import make_entry

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src='https://evil.example/pixel.png'>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=//evil.example'>",
    "<base href=//evil.example/>",
    "<form action=//evil.example><button>go</button></form>",
    "<div hx-get=/settings/delete/ hx-trigger=load>x</div>",
    "<div data-hx-post=/settings/delete/ data-hx-trigger=load>x</div>",
    "<span hx-on:click=alert(1)>x</span>",
    "<p hx-vals='{\"x\":1}'>x</p>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "![x](https://evil.example/track.png)",
    "![x](javascript:alert(1))",
    '![x"onerror="alert(1)](x)',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '[x](https://ok.example "title" onclick=alert(1))',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://ok.example/?q=<script>alert(1)</script>>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "**<img src=x onerror=alert(1)>**",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "> <script>alert(1)</script>",
    "- <svg/onload=alert(1)>",
    "<!-- <script>alert(1)</script> -->",
    "</textarea><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="https://ok.example" target=_blank>x</a>',
    "<plaintext>",
]

FORBIDDEN_TAGS = {
    "script",
    "img",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
}
SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if (name.startswith(("hx-", "data-hx-")) and name != "hx-disable") or ":" in name:
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and SCHEMES.search(value):
                self.problems.append(f"{tag} {name}={value}")
            if name in ("src", "action", "formaction") and "evil.example" in value:
                self.problems.append(f"{tag} {name}={value}")  # would load from elsewhere


def unsafe(html: str) -> list[str]:
    """Real elements and attributes that could run code or load from elsewhere."""
    parser = _Elements()
    parser.feed(html)
    return parser.problems


def test_there_are_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_entry_page_shows_nothing_executable(auth_client, user, payload):
    body = f"Before\n\n{payload}\n\nAfter"
    entry = make_entry(user, title=payload, body=body, tags=[payload[:40]])

    html = auth_client.get(f"/journal/{entry.code}/").content.decode()

    body = html[html.index('class="entry__body') : html.index('class="entry__actions')]
    assert "hx-disable" in html[html.index('class="entry__body') - 20 :][:120]
    assert unsafe(body) == []
    header = html[html.index('class="entry__header') : html.index('class="entry__body')]
    assert unsafe(header) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_list_history_and_edit_pages_show_nothing_executable(auth_client, user, payload):
    entry = make_entry(user, title=payload, body=payload, tags=[payload[:40]])
    entry.apply(Content(title=payload, body=payload + " again"), "other-page-1")
    revision = entry.revisions.get()

    pages = [
        "/journal/",
        f"/journal/{entry.code}/history/",
        f"/journal/{entry.code}/history/{revision.code}/",
    ]
    for path in pages:
        html = auth_client.get(path).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert unsafe(main) == [], path
    edit = auth_client.get(f"/journal/{entry.code}/edit/").content.decode()
    assert payload not in edit or payload.replace("<", "&lt;") in edit


def test_links_are_kept_safe_and_remote_images_are_never_loaded(auth_client, user):
    entry = make_entry(
        user, body="[a friend](https://ok.example/)\n\n![sky](https://x.example/s.png)"
    )

    html = auth_client.get(f"/journal/{entry.code}/").content.decode()

    assert '<a href="https://ok.example/" rel="noopener noreferrer nofollow">a friend</a>' in html
    assert "<img" not in html
    image = 'href="https://x.example/s.png" rel="noopener noreferrer nofollow">Image: sky</a>'
    assert image in html


def test_the_export_holds_the_text_as_written_and_its_markdown_is_plain_text(user):
    payload = "<script>alert(1)</script>"
    make_entry(user, title=payload, body=payload)

    archive = zipfile.ZipFile(BytesIO(portability.export_zip(user)))
    data = json.loads(archive.read("data.json"))
    files = [name for name in archive.namelist() if name.startswith("journal/")]

    assert data["journal"]["entries"][0]["body"] == payload
    assert len(files) == 1
    assert archive.read(files[0]).decode().endswith(payload + "\n")

"""The support page: domestic-abuse lines for every country it names, and covering your tracks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def section(client, anchor: str) -> str:
    html = client.get("/support/").content.decode()
    start = html.index(f'<section aria-labelledby="{anchor}">')
    return " ".join(html[start : html.index("</section>", start)].split())


@pytest.mark.parametrize(
    ("country", "link"),
    [
        ("United States", '<a href="tel:18007997233">1-800-799-7233</a>'),
        ("United States", '<a href="sms:88788?body=START">text START to 88788</a>'),
        ("United Kingdom", '<a href="tel:08082000247">0808 2000 247</a>'),
        ("United Kingdom", '<a href="tel:08000271234">0800 027 1234</a>'),
        ("United Kingdom", '<a href="tel:08088010800">0808 80 10 800</a>'),
        ("United Kingdom", '<a href="tel:08088021414">0808 802 1414</a>'),
        ("Ireland", '<a href="tel:1800341900">1800 341 900</a>'),
        ("Canada", '<a href="https://findahelpline.com/" rel="noreferrer">findahelpline.com</a>'),
        ("Australia", '<a href="tel:1800737732">1800 737 732</a>'),
    ],
)
def test_every_country_the_page_names_has_a_domestic_abuse_line(client, country, link):
    lines = section(client, "domestic-abuse")

    entry = lines[lines.index(f"<strong>{country}:</strong>") :]
    entry = entry[: entry.find("<li><strong>", 1)]
    assert link in entry


def test_every_country_with_a_crisis_line_also_has_a_domestic_abuse_line(client):
    html = client.get("/support/").content.decode()
    start = html.index("<h2>Talk to someone today</h2>")
    crisis = html[start : html.index("</ul>", start)]
    lines = section(client, "domestic-abuse")

    for country in ["United States", "United Kingdom", "Ireland", "Canada", "Australia"]:
        assert country in crisis
        assert f"<strong>{country}:</strong>" in lines


def test_covering_your_tracks_says_calls_and_texts_show_in_the_phones_history(client):
    tracks = section(client, "covering-your-tracks")

    assert (
        "Calls and texts</strong> to any number on this page show in your phone's call history"
        in tracks
    )
    assert "Browser history</strong>" in tracks
    assert "Tab titles</strong> name this site" in tracks
    assert "Quick exit" in tracks

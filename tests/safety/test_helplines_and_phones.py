from __future__ import annotations

import pytest

from healing.helplines import COUNTRIES, country_for_zone
from safety.phones import tappable


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("America/Toronto", "CA"),
        ("America/Chicago", "US"),
        ("Australia/Perth", "AU"),
        ("Asia/Tokyo", ""),
        ("UTC", ""),
    ],
)
def test_a_time_zone_suggests_a_country(zone, country):
    assert country_for_zone(zone) == country


def test_every_country_offers_its_lines_and_emergency_number_as_editable_text():
    text = COUNTRIES["US"].as_text()

    assert text == "988 Suicide & Crisis Lifeline: call or text 988, any time\nIn an emergency: 911"


def test_numbers_become_call_and_text_links_and_the_rest_stays_escaped():
    html = tappable("Sam: +44 (0)7700 900123\n<i>Lifeline</i> 13 11 14")

    assert '<a href="tel:+4407700900123">+44 (0)7700 900123</a>' in html
    assert '<a href="tel:131114">13 11 14</a>' in html
    assert 'href="sms:131114"' in html
    assert "<br>&lt;i&gt;Lifeline&lt;/i&gt;" in html


def test_short_numbers_are_left_as_text():
    assert tappable("Step 12 of my plan") == "Step 12 of my plan"

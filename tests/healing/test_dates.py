"""Dates written in Python say what Django's `date` filter says."""

from __future__ import annotations

import datetime

import pytest
from django.template.defaultfilters import date as date_filter

from healing.dates import long_date

DAYS = [datetime.date(2026, 1, 1) + datetime.timedelta(days=n) for n in range(0, 800, 7)]


@pytest.mark.parametrize("day", [*DAYS, datetime.date(999, 5, 4)])
def test_long_dates_are_the_date_filters(day):
    assert long_date(day) == date_filter(day, "j F Y")
    assert long_date(day, weekday=True) == date_filter(day, "D j F Y")

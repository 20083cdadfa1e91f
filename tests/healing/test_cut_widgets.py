"""A kept skeleton's widgets, cut where a reader's value goes and filled with it, are
the very markup Django draws for that value."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from healing.cards import cut_widget
from healing.forms import AnswerForm
from healing.models import Exercise

pytestmark = pytest.mark.django_db


def values_for(field: forms.Field) -> list[Any]:
    if isinstance(field, forms.ChoiceField):
        options = [value for value, _ in field.choices]
        return [None, "", [], options[:1], options[-1:], options, *options]
    return [None, "", "Not <b>yet</b>,\nand that's ok", " \n spaced \n"]


def test_every_cut_widget_filled_draws_what_django_draws():
    cut_fields = 0
    for exercise in Exercise.objects.current():
        for name, field in AnswerForm(exercise).fields.items():
            cut = cut_widget(exercise, name)
            if cut is None:
                continue
            cut_fields += 1
            for value in values_for(field):
                django = str(AnswerForm(exercise, initial={name: value})[name])

                assert cut.fill(field.widget, field.prepare_value(value)) == django, (name, value)
    assert cut_fields > 10  # text boxes, boxes to tick and lists to choose from


def test_a_widget_that_cannot_be_cut_is_left_to_django():
    feelings = Exercise.objects.current().get(kind="feelings")

    assert cut_widget(feelings, "feelings") is None

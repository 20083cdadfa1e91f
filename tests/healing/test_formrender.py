"""Widgets and labels drawn in Python are the very markup Django's templates draw."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict

from accounts.forms import SettingsForm
from healing.formrender import DRAWN, PlainSelect, Renderer
from healing.forms import AnswerForm, CompleteForm
from healing.models import Exercise
from healing.writing import PrivateText
from journal.forms import CheckInForm, EntryForm, FindForm, PeriodForm
from tests.healing.factories import sample_answer

pytestmark = pytest.mark.django_db


class Every(forms.Form):
    """Each widget kind with its awkward cases: groups, escaping, booleans, no id."""

    text = forms.CharField(widget=forms.TextInput(attrs={"data-x": 'a "quoted" <b>'}))
    words = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(label="I agree?")
    grouped = forms.ChoiceField(
        choices=[("", "None"), ("Fruit", [("a", "Apple & co"), ("b", "<Banana>")]), ("c", "C")]
    )
    many = forms.MultipleChoiceField(
        choices=[("Group", [("1", "One"), ("2", "Two")]), ("3", "Three")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "boxes"}),
    )
    one = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)


def refused_data(form: AnswerForm) -> QueryDict:
    """Every field answered with too much text or a choice that is not offered."""
    data = QueryDict(mutable=True)
    for field in form:
        data[field.html_name] = "x" * 20_001 if isinstance(field.field, PrivateText) else "nope"
    return data


def forms_of_every_page(user) -> list[forms.BaseForm]:
    exercises = list(Exercise.objects.current())
    day = datetime.date(2026, 1, 2)
    answered = [AnswerForm(e, initial=e.kind_spec.initial(sample_answer(e))) for e in exercises]
    refused = [AnswerForm(e, refused_data(AnswerForm(e))) for e in exercises]
    return [
        *answered,
        *refused,
        *(AnswerForm(e) for e in exercises),
        CompleteForm(),
        EntryForm(initial={"title": "<Mine>", "entry_date": day}, today=day),
        EntryForm({"title": "x", "mood": "9", "body": ""}, today=day),
        FindForm({"q": 'trust "me"', "mood": "3", "feeling": "sadness"}, user=user),
        FindForm(user=user),
        CheckInForm(),
        CheckInForm({"mood": "2"}),
        PeriodForm({"days": "90"}),
        SettingsForm(instance=user),
        Every(),
        Every(
            {"text": "<x>", "words": "a\nb & c", "hidden": "3", "grouped": "b", "many": ["1", "3"]}
        ),
    ]


def test_every_widget_and_label_is_drawn_as_the_templates_draw_it(user):
    compared = 0
    for form in forms_of_every_page(user):
        form.is_bound and form.is_valid()
        for field in form:
            assert isinstance(form.renderer, Renderer)
            drawn = (str(field), field.label_tag(), field.legend_tag())
            form.renderer = TemplatesSetting()
            assert (str(field), field.label_tag(), field.legend_tag()) == drawn, field.html_name
            form.renderer = Renderer()
            compared += 1
    assert compared > 100


def test_a_template_it_does_not_draw_goes_to_the_templates_as_before():
    widget = forms.SelectDateWidget(years=[2026])
    assert widget.template_name not in DRAWN
    html = widget.render("when", datetime.date(2026, 3, 4), renderer=Renderer())
    assert '<option value="3" selected>March</option>' in html


@pytest.mark.parametrize("value", [None, "", "2", 2, ["2"], "nope", "<b>"])
def test_a_plain_select_is_drawn_as_the_templates_draw_a_select(value):
    choices = [("", "Any"), (1, "One & only"), ("2", "<Two>"), ("2", "Two again"), ("<b>", '"b"')]
    attrs = {"id": "id_pick", "aria-invalid": "true", "data-x": 'a "q"'}

    drawn = PlainSelect(choices=choices).render("pick", value, attrs)

    assert drawn == forms.Select(choices=choices).render("pick", value, attrs, TemplatesSetting())

"""The portal's form renderer draws a <select> exactly as Django's templates do, and the
``{% field %}`` tag draws a field exactly as crispy-forms' ``|as_crispy_field`` (whitespace
aside)."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from sosafe.form_renderer import (
    INPUT_TEMPLATES,
    OPTION_TEMPLATE,
    SELECT_TEMPLATE,
    TEXTAREA_TEMPLATE,
    PortalFormRenderer,
)
from sosafe.forms import field_group

CHOICES = [
    ("", "Any"),
    ("a", 'Tom & "Jerry" <b>'),
    ("b", gettext_lazy("Lazy label")),
    ("c", mark_safe("<em>safe</em>")),
    ("In a group", [("d", "Dee"), ("e", "Ee")]),
    (mark_safe("<i>safe group</i>"), [(7, "Seven")]),
]


class Numbers(forms.Select):
    option_template_name = "django/forms/widgets/radio_option.html"


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "a"),
        (
            forms.Select(choices=CHOICES, attrs={"class": "x", "disabled": True, "hidden": False}),
            "",
        ),
        (forms.SelectMultiple(choices=CHOICES), ["b", "d", 7]),
        (forms.NullBooleanSelect(), None),
        (forms.Select(choices=[(1, 1), (2, 2)]), 2),  # numbers: left to Django's templates
        (Numbers(choices=CHOICES), "a"),
    ],
)
def test_a_select_is_drawn_as_djangos_templates_draw_it(widget, value):
    attrs = {"id": "id_x", "aria-describedby": 'id_x_helptext "quoted"', "required": True}
    ours = widget.render("x", value, attrs=attrs, renderer=PortalFormRenderer())
    djangos = widget.render("x", value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == djangos


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (
            forms.TextInput(attrs={"class": "own", "placeholder": gettext_lazy("Name & title")}),
            "<x>",
        ),
        (forms.TextInput(), ""),
        (forms.TextInput(), None),
        (forms.TextInput(), mark_safe("<b>safe</b>")),
        (forms.NumberInput(attrs={"step": "any", "min": 0}), 12.5),
        (forms.EmailInput(), "a@b.example"),
        (forms.PasswordInput(render_value=True), "secret"),
        (forms.HiddenInput(), 3),
        (forms.DateInput(format="%Y-%m-%d"), "2025-04-01"),
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.CheckboxInput(), "yes"),
        (forms.FileInput(), None),
        (forms.Textarea(attrs={"rows": 8}), 'Line one\n<b>"two"</b> & three'),
        (forms.Textarea(), ""),
        (forms.Textarea(), None),
        (forms.ClearableFileInput(), None),  # its own template: left to Django
    ],
)
def test_an_input_or_textarea_is_drawn_as_djangos_templates_draw_it(widget, value):
    attrs = {"id": "id_x", "aria-invalid": "true", "disabled": True, "required": False}
    ours = widget.render("x", value, attrs=attrs, renderer=PortalFormRenderer())
    djangos = widget.render("x", value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == djangos


def test_the_templates_it_copies_are_djangos_own():
    """An app overriding them, or a Django that changed them, would change the markup the
    renderer must copy."""
    engine = PortalFormRenderer().engine
    copied = [SELECT_TEMPLATE, OPTION_TEMPLATE, TEXTAREA_TEMPLATE, *sorted(INPUT_TEMPLATES)]
    for name in [*copied, "django/forms/widgets/input.html", "django/forms/widgets/attrs.html"]:
        assert "/django/forms/templates/" in engine.get_template(name).origin.name
    for name in INPUT_TEMPLATES:
        source = engine.get_template(name).template.source
        assert source == '{% include "django/forms/widgets/input.html" %}\n'


def _squeezed(html: str) -> str:
    return re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", html))


class Example(forms.Form):
    status = forms.ChoiceField(choices=[("", "Pick one"), ("on", "On track")])
    narrative = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Plain <b>text</b>."
    )
    figure = forms.DecimalField(
        required=False, min_value=0, help_text="A number.", widget=forms.NumberInput()
    )
    name = forms.CharField(label="Name & title", widget=forms.TextInput(attrs={"class": "own"}))
    achieved = forms.BooleanField(required=False, label="Achieved")
    agreed = forms.BooleanField(label="I agree", help_text="You must.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("data", [None, {"figure": "-2", "narrative": "x" * 3}, {"status": "on"}])
@pytest.mark.parametrize("name", list(Example.base_fields))
def test_a_field_is_drawn_as_crispy_forms_draws_it(data, name):
    # crispy-forms changes the widget's attributes as it draws: one form each.
    crispys = as_crispy_field(Example(data)[name])
    ours = field_group(Example(data)[name])
    assert _squeezed(ours) == _squeezed(crispys)


def test_a_widget_it_does_not_draw_goes_to_crispy_forms():
    class WithFile(forms.Form):
        upload = forms.FileField(help_text="An XLSX file.")
        choice = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    for name in ("upload", "choice"):
        assert field_group(WithFile()[name]) == as_crispy_field(WithFile()[name])

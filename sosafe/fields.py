"""Model and form fields that store periods from ``sosafe.periods``."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property

from sosafe.periods import FinancialYear, PeriodError


class FinancialYearFormField(forms.Field):
    widget = forms.TextInput(attrs={"maxlength": 9, "size": 9})
    default_error_messages = {"invalid": "Enter a financial year like 2024/25."}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example 2024/25 (April 2024 to March 2025).")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return str(value) if isinstance(value, FinancialYear) else value

    def to_python(self, value):
        if isinstance(value, FinancialYear):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return FinancialYear.parse(value)
        except PeriodError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class FinancialYearField(models.PositiveSmallIntegerField):
    """A financial year, stored as the calendar year it starts in (2024 for 2024/25)."""

    description = "UK financial year (April to March)"

    @cached_property
    def validators(self):
        # Not IntegerField's range validators: they compare the value with numbers, and a
        # FinancialYear checks its own range.
        return [*self.default_validators, *self._validators]

    def from_db_value(self, value, expression, connection):
        return None if value is None else FinancialYear(value)

    def to_python(self, value):
        if value is None or isinstance(value, FinancialYear):
            return value
        if isinstance(value, int):
            return FinancialYear(value)
        try:
            return FinancialYear.parse(value)
        except PeriodError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def get_prep_value(self, value):
        if isinstance(value, FinancialYear):
            return value.start_year
        if isinstance(value, str):
            return FinancialYear.parse(value).start_year
        return super().get_prep_value(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def formfield(self, **kwargs):
        # Skip IntegerField.formfield: it would add number bounds to a text field.
        return models.Field.formfield(self, **{"form_class": FinancialYearFormField, **kwargs})

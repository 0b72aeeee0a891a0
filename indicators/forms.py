"""Forms for indicators, their values, the area and population, and crime file uploads."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from actionplan.models import Objective
from indicators.models import (
    VALUE_DECIMAL_PLACES,
    VALUE_MAX_DIGITS,
    Area,
    Indicator,
    PopulationEstimate,
)
from indicators.police import too_large, upload_limits
from sosafe.bounds import decimal_error_messages
from sosafe.fields import FinancialYearFormField
from sosafe.forms import ErrorSummaryMixin
from sosafe.spreadsheets import UploadForm


class IndicatorForm(ErrorSummaryMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "unit",
            "polarity",
            "frequency",
            "source",
            "objective",
            "green_within_percent",
            "amber_within_percent",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["objective"].queryset = Objective.objects.filter(
            strategy__partnership=partnership
        ).select_related("strategy")
        self.fields["objective"].label_from_instance = lambda o: f"{o.strategy.title}: {o}"
        if self.instance.pk and self.instance.values.exists():
            self.fields["frequency"].disabled = True
            self.fields[
                "frequency"
            ].help_text = "Fixed once values are entered: they are per month or per quarter."

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Indicator.objects.filter(partnership=self.instance.partnership, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                "The partnership already has an indicator of that name: choose another."
            )
        return name


class ValueRowForm(forms.Form):
    """One period's value, target and illustrative flag in the values grid."""

    value = forms.DecimalField(
        required=False,
        min_value=Decimal(0),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        error_messages=decimal_error_messages("The value", VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES),
    )
    target = forms.DecimalField(
        required=False,
        min_value=Decimal(0),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        error_messages=decimal_error_messages("The target", VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES),
    )
    illustrative = forms.BooleanField(required=False, label="Illustrative")

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.fields["value"].label = f"{period} value"
        self.fields["target"].label = f"{period} target"
        self.fields["illustrative"].label = f"{period} illustrative"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") is None and not self.errors.get("value"):
            if cleaned.get("target") is not None:
                self.add_error("value", "Enter the value too, or clear the target.")
            elif cleaned.get("illustrative"):
                self.add_error("value", "Enter the value too, or untick illustrative.")
        return cleaned


class ValuesForm:
    """The grid of a year's periods: one ValueRowForm per month or quarter."""

    def __init__(self, indicator: Indicator, year, initial: dict, data=None):
        self.rows = [
            ValueRowForm(
                data,
                period=period,
                prefix=f"p{index}",
                initial=initial.get(period, {}),
            )
            for index, period in enumerate(indicator.periods(year))
        ]

    def is_valid(self) -> bool:
        return all([row.is_valid() for row in self.rows])

    @property
    def errors(self) -> bool:
        return any(row.errors for row in self.rows)

    def error_summary(self) -> list[tuple[str, str]]:
        return [
            (row[name].auto_id, f"{row.fields[name].label}: {message}")
            for row in self.rows
            for name in row.fields
            for message in row.errors.get(name, [])
        ]

    @property
    def cleaned(self) -> dict:
        return {row.period: row.cleaned_data for row in self.rows}


class AreaForm(ErrorSummaryMixin, forms.ModelForm):
    class Meta:
        model = Area
        fields = ["lsoa_name_prefix", "lsoa_codes"]
        widgets = {"lsoa_codes": forms.Textarea(attrs={"rows": 4})}

    def clean_lsoa_codes(self) -> str:
        codes = sorted(
            {c.strip().upper() for c in self.cleaned_data["lsoa_codes"].replace(",", " ").split()}
        )
        wrong = [c for c in codes if not (len(c) == 9 and c[0] in "EW" and c[1:].isdigit())]
        if wrong:
            raise ValidationError(
                f"These are not LSOA codes (a letter E or W and 8 digits, like E01023700): "
                f"{', '.join(wrong[:10])}."
            )
        return "\n".join(codes)


class PopulationForm(ErrorSummaryMixin, forms.ModelForm):
    year = FinancialYearFormField(label="Financial year")

    class Meta:
        model = PopulationEstimate
        fields = ["year", "population", "source"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["population"].min_value = 1


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class CrimeUploadForm(ErrorSummaryMixin, forms.Form):
    files = MultipleFileField(
        label="police.uk street-level files",
        widget=MultipleFileInput(attrs={"accept": ".csv,.zip"}),
        help_text=(
            "One or more street-level CSV files as police.uk publishes them "
            "(e.g. 2024-01-hertfordshire-street.csv), or a zip of them."
        ),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limits = upload_limits()
        for upload in files:
            if upload.size > limits.max_bytes:
                raise ValidationError(f"{too_large(upload.name, limits)} Nothing was imported.")
        return files


class ValuesUploadForm(ErrorSummaryMixin, UploadForm):
    label = "Spreadsheet of values (CSV or XLSX)"
    help_text = (
        "Columns: Indicator, Period (2025-01 for a month, Q1 2025/26 for a quarter), Value, "
        "Target (optional), Illustrative (yes or no, optional)."
    )

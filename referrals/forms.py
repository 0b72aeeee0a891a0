from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseFormSet, formset_factory

from actionplan.models import Objective
from referrals.models import MAX_COUNT, ReferralReturn, Service, SourceCount
from referrals.selectors import Grid
from referrals.services import OTHER, SELF_REFERRAL, GridEntry, SourceKey, organisation_source
from sosafe.bounds import too_large_message
from sosafe.concurrency import VersionedFormMixin
from sosafe.history import person_name
from sosafe.models import Partnership, Role
from sosafe.spreadsheets import UploadForm

COUNT_ERRORS = {
    "invalid": "Enter a whole number, like 12.",
    "min_value": "Enter 0 or more: a count cannot be negative.",
    "max_value": too_large_message("A count", MAX_COUNT),
}


def count_field(**kwargs) -> forms.IntegerField:
    # A text box, not type=number: browsers would silently drop "12.5" or "abc" and the
    # person would never see why; the server says what to fix instead.
    return forms.IntegerField(
        min_value=0,
        max_value=MAX_COUNT,
        error_messages=COUNT_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


class GridForm(forms.Form):
    """One count per service the person may enter for, with what they started from."""

    def __init__(self, *args, grid: Grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for row in grid.editable_rows:
            pk, current = row.service.pk, row.current
            self.fields[f"count_{pk}"] = count_field(
                required=False,
                label=f"{row.service.name}: {row.service.measure} in {grid.quarter}",
                initial=current.total if current else None,
            )
            self.fields[f"seen_{pk}"] = forms.IntegerField(
                required=False,
                widget=forms.HiddenInput,
                initial=current.total if current else None,
            )
            self.fields[f"version_{pk}"] = forms.IntegerField(
                required=False,
                widget=forms.HiddenInput,
                initial=current.version if current else None,
            )

    def cells(self):
        """For the template: each row with its count box and hidden fields (None if read only)."""
        for row in self.grid.rows:
            pk = row.service.pk
            if row.editable:
                yield row, self[f"count_{pk}"], self[f"seen_{pk}"], self[f"version_{pk}"]
            else:
                yield row, None, None, None

    def error_summary(self) -> list[tuple[str, str]]:
        """For the shared error summary: each bad count named by its service."""
        return [
            (field.auto_id, f"{row.service.name}: {' '.join(field.errors)}")
            for row, field, _seen, _version in self.cells()
            if field is not None and field.errors
        ] + [("", message) for message in self.non_field_errors()]

    def entries(self) -> list[GridEntry]:
        data = self.cleaned_data
        return [
            GridEntry(
                service=row.service,
                count=data.get(f"count_{row.service.pk}"),
                seen_count=data.get(f"seen_{row.service.pk}"),
                seen_version=data.get(f"version_{row.service.pk}"),
            )
            for row in self.grid.editable_rows
        ]


class ReturnForm(VersionedFormMixin, forms.Form):
    """A return's count and note. A plain form rather than a ModelForm: the count and the
    breakdown change together, so the rule that they agree is checked by the service with
    both in hand, not by the model against the breakdown already saved."""

    total = count_field(
        required=False,
        label="Count",
        help_text="A whole number, 0 or more. Leave it empty to use the breakdown's sum.",
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything readers should know about this quarter's figure.",
    )

    def __init__(self, *args, instance: ReferralReturn | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs["initial"] = {
                "total": instance.total,
                "note": instance.note,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)


def source_choices(partnership: Partnership) -> list[tuple[str, str]]:
    organisations = [
        (f"organisation:{org.pk}", f"{org.short_name} – {org.name}")
        if org.short_name != org.name
        else (f"organisation:{org.pk}", org.name)
        for org in partnership.organisations.all()
    ]
    return [
        ("", "Choose an agency"),
        (SourceCount.Kind.SELF_REFERRAL.value, "Self-referral"),
        (SourceCount.Kind.OTHER.value, "Other"),
        *organisations,
    ]


def source_key(value: str) -> SourceKey:
    if value == SELF_REFERRAL[0]:
        return SELF_REFERRAL
    if value == OTHER[0]:
        return OTHER
    return organisation_source(int(value.split(":", 1)[1]))


def source_value(key: SourceKey) -> str:
    kind, organisation_id = key
    return f"organisation:{organisation_id}" if organisation_id else kind


class SourceRowForm(forms.Form):
    source = forms.ChoiceField(label="Referring agency", required=False)
    count = count_field(required=False, label="Count")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("count") is None and not self.has_error("count"):
            self.add_error("count", "Enter how many this agency referred (0 or more).")
        if data.get("count") is not None and not data.get("source"):
            self.add_error("source", "Choose the agency these referrals came from.")
        return data


class BaseSourceFormSet(BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            value = form.cleaned_data.get("source")
            if not value:
                continue
            if value in seen:
                form.add_error("source", "This agency is already in the breakdown.")
            seen.add(value)

    def breakdown(self) -> dict[SourceKey, int]:
        return {
            source_key(form.cleaned_data["source"]): form.cleaned_data["count"]
            for form in self.forms
            if form.cleaned_data.get("source")
        }


SourceFormSet = formset_factory(SourceRowForm, formset=BaseSourceFormSet, extra=3, max_num=60)


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "organisation",
            "description",
            "measure",
            "objectives",
            "active_from",
            "active_to",
            "officers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.CheckboxSelectMultiple,
            "officers": forms.CheckboxSelectMultiple,
            "active_from": forms.DateInput(format="%d/%m/%Y"),
            "active_to": forms.DateInput(format="%d/%m/%Y"),
        }
        help_texts = {
            "active_from": "For example 01/04/2025. Leave empty if not known.",
            "active_to": "For example 31/03/2026. Leave empty while the service runs.",
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership
        self.fields["organisation"].queryset = partnership.organisations.all()
        self.fields["objectives"].queryset = Objective.objects.filter(
            strategy__partnership=partnership
        ).select_related("strategy")
        self.fields["objectives"].label_from_instance = lambda o: f"{o.strategy.years}: {o}"
        self.fields["officers"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__partnership=partnership,
                memberships__role__in=[Role.OFFICER, Role.COORDINATOR],
            )
            .order_by("last_name", "first_name", "username")
        )
        self.fields["officers"].label_from_instance = person_name

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Service.objects.filter(partnership=self.partnership, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("The partnership already has a service of that name.")
        return name


class ImportUploadForm(UploadForm):
    label = "Spreadsheet of counts (CSV or XLSX)"
    help_text = "Columns: service, year, quarter, source, count."

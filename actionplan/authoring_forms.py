"""Forms the coordinator writes the strategy and the action plans with. Each says exactly what to
fix and keeps what was typed; versioned records carry the version they started from."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseInlineFormSet, inlineformset_factory

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    StrategicAim,
    Strategy,
    Theme,
)
from sosafe.concurrency import VersionedFormMixin
from sosafe.forms import ErrorSummaryMixin
from sosafe.models import Partnership

CHECKBOXES = forms.CheckboxSelectMultiple


class OrganisationsField(forms.ModelMultipleChoiceField):
    widget = CHECKBOXES

    def label_from_instance(self, obj) -> str:
        return obj.name


class ObjectivesField(forms.ModelMultipleChoiceField):
    widget = CHECKBOXES

    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.title}"


def _unique_number(form, model, field: str = "number", **parent) -> None:
    """The number (or letter) is not taken by a sibling, archived ones included."""
    value = form.cleaned_data.get(field)
    if value in (None, ""):
        return
    taken = model.objects.filter(**parent, **{field: value}).exclude(pk=form.instance.pk).first()
    if taken is not None:
        archived = " (archived)" if getattr(taken, "archived_at", None) else ""
        form.add_error(field, f"{value} is already used by another{archived} in this list.")


class AuthoringForm(ErrorSummaryMixin, VersionedFormMixin, forms.ModelForm):
    pass


class RowsFormSet(BaseInlineFormSet):
    """Rows named in the error summary ("Lead 2, ...") and a remove box saying what it does."""

    row_label = "Row"
    delete_label = "Remove this row"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label


# The strategy -------------------------------------------------------------------------------


class StrategyForm(AuthoringForm):
    class Meta:
        model = Strategy
        fields = ["title", "start_year", "end_year", "status", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end <= start:
            self.add_error("end_year", "Enter a year after the start year.")
        elif start and end:
            same = Strategy.objects.filter(
                partnership=self.partnership, start_year=start, end_year=end
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("start_year", f"There is already a strategy for {start}–{end}.")
        return cleaned

    def _get_validation_exclusions(self):  # the years' constraints are checked above, in words
        return {*super()._get_validation_exclusions(), "end_year"}


class StrategicAimFormSet(RowsFormSet):
    row_label = "Strategic aim"
    delete_label = "Remove this aim"

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            number = form.cleaned_data.get("number")
            if number in seen:
                form.add_error("number", f"Aim {number} is listed twice: number each aim once.")
            seen.add(number)


StrategicAims = inlineformset_factory(
    Strategy,
    StrategicAim,
    formset=StrategicAimFormSet,
    fields=["number", "text"],
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
)


class ObjectiveForm(AuthoringForm):
    supporting_organisations = OrganisationsField(queryset=None, required=False)

    class Meta:
        model = Objective
        fields = [
            "number",
            "title",
            "description",
            "what_we_will_do",
            "how_measured",
            "supporting_organisations",
            "supporting_services",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["description", "what_we_will_do", "how_measured", "supporting_services"]
        }

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy
        self.fields["supporting_organisations"].queryset = strategy.partnership.organisations.all()
        self.fields["number"].min_value = 1

    def clean(self):
        cleaned = super().clean()
        _unique_number(self, Objective, strategy=self.instance.strategy)
        return cleaned


# The plan ------------------------------------------------------------------------------------


class PlanForm(AuthoringForm):
    class Meta:
        model = ActionPlan
        fields = ["year", "title", "strategy", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["strategy"].queryset = partnership.strategies.all()
        if self.instance.pk:
            del self.fields["year"]  # a plan's year is what it is: its URL and quarters hang on it

    def clean_year(self):
        year = self.cleaned_data["year"]
        if (
            year
            and ActionPlan.objects.filter(partnership=self.instance.partnership, year=year).exists()
        ):
            raise forms.ValidationError(f"There is already a plan for {year}.")
        return year


class ThemeForm(AuthoringForm):
    objectives = ObjectivesField(
        queryset=None,
        required=False,
        label="Strategy objectives it delivers",
        help_text="From the plan's strategy.",
    )

    class Meta:
        model = Theme
        fields = ["number", "title", "objectives"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["number"].min_value = 1
        self.fields["objectives"].queryset = (
            plan.strategy.objectives.all() if plan.strategy_id else Objective.objects.none()
        )

    def clean(self):
        cleaned = super().clean()
        _unique_number(self, Theme, plan=self.instance.plan)
        return cleaned


class AimForm(AuthoringForm):
    class Meta:
        model = Aim
        fields = ["number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Aim"}

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.theme = theme
        self.fields["number"].min_value = 1
        self.fields["number"].help_text = f"The aim's reference is {theme.number}.<number>."

    def clean(self):
        cleaned = super().clean()
        _unique_number(self, Aim, theme=self.instance.theme)
        return cleaned


# The action, its leads and expected outcomes -------------------------------------------------


class ActionForm(AuthoringForm):
    partners = OrganisationsField(queryset=None, required=False)
    letter = forms.RegexField(
        regex=r"^[a-z]{0,2}$",
        required=False,
        max_length=2,
        help_text="a, b, c… Leave empty when the aim has one action.",
        error_messages={"invalid": "Enter one or two lower-case letters, like a or b."},
    )

    class Meta:
        model = Action
        fields = ["letter", "text", "partners", "other_partners", "resources", "restricted"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "other_partners": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"text": "Action"}

    def __init__(self, *args, aim: Aim, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.aim = aim
        self.fields["partners"].queryset = aim.theme.plan.partnership.organisations.all()

    def clean(self):
        cleaned = super().clean()
        _unique_number(self, Action, "letter", aim=self.instance.aim)
        return cleaned


class LeadFormSet(RowsFormSet):
    row_label = "Lead"
    delete_label = "Remove this lead"

    def __init__(self, *args, partnership: Partnership, **kwargs):
        self.partnership = partnership
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["organisation"].queryset = self.partnership.organisations.all()
        form.fields["officer"].queryset = (
            get_user_model()
            .objects.filter(memberships__partnership=self.partnership, memberships__is_active=True)
            .order_by("first_name", "last_name", "username")
        )
        form.fields["officer"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
        form.fields["officer"].label = "Portal user (optional)"
        form.fields["officer"].help_text = "The person with that role, if they use the portal."

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data.get("organisation"), form.cleaned_data.get("officer_role"))
            if key in seen:
                form.add_error("officer_role", "This lead is listed twice.")
            seen.add(key)

    def validate_unique(self):  # listed twice is said above, on the row
        pass


Leads = inlineformset_factory(
    Action,
    ActionLead,
    formset=LeadFormSet,
    fields=["organisation", "officer_role", "officer"],
    extra=1,
    can_delete=True,
)


class OutcomeFormSet(RowsFormSet):
    row_label = "Expected outcome"
    delete_label = "Remove this outcome"

    def clean(self):
        super().clean()
        kept = [
            f"“{form.instance.text}” has figures reported against it: change its text rather "
            "than removing it."
            for form in self.deleted_forms
            if form.instance.pk and form.instance.progress.exists()
        ]
        if kept:  # a form marked for deletion is not validated: say it for the formset
            raise forms.ValidationError(kept)


Outcomes = inlineformset_factory(
    Action,
    ExpectedOutcome,
    formset=OutcomeFormSet,
    fields=["text", "target", "unit"],
    labels={"text": "Expected outcome", "target": "Numeric target (optional)"},
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
)


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

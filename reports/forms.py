"""The scrutiny paper's narrative: the parts a coordinator writes before publishing."""

import datetime

from django import forms

from actionplan.models import ActionPlan, Theme
from reports.models import ScrutinyNarrative
from sosafe.forms import ErrorSummaryMixin

MAX_PART = 20000


def commentary_field(theme: Theme) -> str:
    return f"theme_{theme.pk}"


class NarrativeForm(ErrorSummaryMixin, forms.Form):
    purpose = forms.CharField(
        label="Purpose",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_PART,
        help_text="Why the committee receives the paper. Required.",
        error_messages={"required": "Write the paper's purpose."},
    )
    recommendations = forms.CharField(
        label="Recommendations",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_PART,
        help_text="What the committee is asked to do. Required.",
        error_messages={"required": "Write what the committee is recommended to do."},
    )
    background = forms.CharField(
        label="Background",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_PART,
        required=False,
        help_text="Shown before the list of the year's priority themes.",
    )
    funding_from = forms.DateField(
        label="Funding table starts on",
        required=False,
        help_text="For example 01/01/2017. Empty: the start of the plan's year.",
        error_messages={"invalid": "Enter the date as day/month/year, for example 01/01/2017."},
    )
    process = forms.CharField(
        label="The action-plan process",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_PART,
        required=False,
    )
    priorities = forms.CharField(
        label="Priorities for next year",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_PART,
        required=False,
    )

    def __init__(self, *args, plan: ActionPlan, themes: list[Theme], **kwargs):
        self.plan = plan
        self.themes = themes
        super().__init__(*args, **kwargs)
        for theme in themes:
            self.fields[commentary_field(theme)] = forms.CharField(
                label=f"Commentary on priority theme {theme.number}: {theme.title}",
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=MAX_PART,
                required=False,
            )

    @classmethod
    def initial_from(cls, narrative: ScrutinyNarrative | None) -> dict:
        if narrative is None:
            return {}
        initial = {
            name: getattr(narrative, name)
            for name in ("purpose", "recommendations", "background", "process", "priorities")
        }
        initial["funding_from"] = narrative.funding_from
        for commentary in narrative.commentaries.all():
            initial[f"theme_{commentary.theme_id}"] = commentary.text
        return initial

    def clean_funding_from(self) -> datetime.date | None:
        value = self.cleaned_data.get("funding_from")
        if value and value > self.plan.year.end:
            raise forms.ValidationError(
                f"Choose a date on or before {self.plan.year.end:%d/%m/%Y}, the end of the "
                "plan's year."
            )
        return value

    def commentary(self) -> dict[int, str]:
        return {theme.pk: self.cleaned_data[commentary_field(theme)] for theme in self.themes}

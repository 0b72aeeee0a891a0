"""The plan import's two forms: the upload (a year and a file) and, on the preview, a choice
for each name that is not one of the partnership's organisations."""

from django import forms

from actionplan.plan_import.resolve import NEW, TEXT, PlanPreview, importable_years
from sosafe.forms import ErrorSummaryMixin
from sosafe.models import Organisation, Partnership
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import UploadForm


class PlanUploadForm(ErrorSummaryMixin, UploadForm):
    label = "The action plan (CSV or Excel .xlsx)"
    help_text = (
        "Laid out as the committee paper's appendix: a theme heading, then the columns Aim, "
        "Action, Lead, Partners, Resources, Expected outcomes."
    )
    year = forms.TypedChoiceField(label="Financial year of the plan", coerce=FinancialYear.parse)

    field_order = ["year", "file"]

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        years = importable_years(partnership)
        self.fields["year"].choices = [(year.slug, str(year)) for year in years]
        self.fields["year"].help_text = (
            "A year with no plan yet (a new draft plan is created) or whose draft plan has no "
            "themes yet (it is filled in)."
        )
        latest = partnership.action_plans.order_by("-year").values_list("year", flat=True).first()
        if latest is not None and latest.next() in years:
            self.fields["year"].initial = latest.next().slug
        self.order_fields(self.field_order)


class DecisionsForm(ErrorSummaryMixin, forms.Form):
    """One select per unknown name: create it, map it to an organisation, or (a partner only)
    keep it as text. Field names are the names' keys, so they survive the re-planning."""

    def __init__(self, *args, preview: PlanPreview, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        existing = [
            (
                str(org.pk),
                f"{org.short_name} – {org.name}" if org.name != org.short_name else org.name,
            )
            for org in Organisation.objects.filter(partnership=partnership)
        ]
        for unknown in preview.unknown:
            choices = [("", "Choose…"), (NEW, f"Create a new organisation “{unknown.name}”")]
            if not unknown.as_lead:
                choices.append((TEXT, "Keep it as text under the action's other partners"))
            choices.append(("Map it to an existing organisation", existing))
            kind = "Lead" if unknown.as_lead else "Partner"
            self.fields[unknown.key] = forms.ChoiceField(
                label=f"{kind} “{unknown.name}”",
                choices=choices,
                help_text=f"Not one of the partnership's organisations. In {unknown.rows}.",
                initial=str(unknown.suggestion.pk) if unknown.suggestion else NEW,
                error_messages={"required": f"Choose what “{unknown.name}” is."},
            )

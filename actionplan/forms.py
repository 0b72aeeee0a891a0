"""Forms of the quarterly progress workflow. They check what was typed and say exactly what to
fix; the rules about submitting live in ``services.content_problems`` and are asked here too so
the person sees every problem at once."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from actionplan.models import (
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
    Status,
)
from actionplan.services import (
    FIGURE_TOO_LARGE,
    NEGATIVE_FIGURE,
    OutcomeFigures,
    UpdateContent,
    achieved_field,
    content_problems,
    figure_field,
)
from sosafe.concurrency import Change, VersionedFormMixin, conflicting_changes
from sosafe.forms import ErrorSummaryMixin, error_summary
from sosafe.spreadsheets import UploadForm

NARRATIVE_MAX = 10_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _plain(value):
    """12.50 → "12.5", 100.00 → "100" (never "1E+2")."""
    return None if value is None else f"{value.normalize():f}"


def _figure_text(value, unit: str = "") -> str:
    if value is None:
        return "blank"
    return f"{_plain(value)} {unit}".strip()


@dataclass
class OutcomeRow:
    """One expected outcome on the form: its fields and last quarter's figures."""

    number: int
    outcome: ExpectedOutcome
    figure: forms.BoundField | None  # only outcomes with a numeric target
    achieved: forms.BoundField
    previous: OutcomeProgress | None


class ProgressUpdateForm(VersionedFormMixin, forms.ModelForm):
    status = forms.ChoiceField(
        label="Status this quarter",
        choices=Status.choices,
        error_messages={"required": "Choose the action's status this quarter."},
    )
    narrative = forms.CharField(
        label="What happened this quarter, and what comes next",
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Plain text; line breaks are kept. Needed to submit, not to save a draft.",
        error_messages={
            "max_length": (
                "Shorten the narrative to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            )
        },
    )

    class Meta:
        model = ProgressUpdate
        fields = ["status", "narrative"]

    def __init__(
        self,
        *args,
        outcomes: list[ExpectedOutcome],
        previous: ProgressUpdate | None = None,
        submitting: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        self.submitting = submitting
        current = (
            {row.outcome_id: row for row in self.instance.outcome_progress.all()}
            if self.instance.pk
            else {}
        )
        previous_figures = (
            {row.outcome_id: row for row in previous.outcome_progress.all()} if previous else {}
        )
        self.previous_figures = previous_figures
        for outcome in outcomes:
            row = current.get(outcome.pk)
            last = previous_figures.get(outcome.pk)
            if outcome.is_numeric:
                target = _figure_text(outcome.target, outcome.unit)
                help_text = f"A running total for the year; the target is {target}."
                if last and last.achieved_figure is not None:
                    help_text += (
                        f" Last quarter: {_figure_text(last.achieved_figure, outcome.unit)}."
                    )
                self.fields[figure_field(outcome.pk)] = forms.DecimalField(
                    label=f"Figure achieved so far{f' ({outcome.unit})' if outcome.unit else ''}",
                    required=False,
                    min_value=0,
                    max_digits=FIGURE_MAX_DIGITS,
                    decimal_places=FIGURE_DECIMAL_PLACES,
                    help_text=help_text,
                    initial=_plain(row.achieved_figure) if row else None,
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                    error_messages={
                        "invalid": "Enter the figure as a number, for example 12 or 12.5.",
                        "min_value": NEGATIVE_FIGURE,
                        "max_decimal_places": "Enter the figure with at most 2 decimal places.",
                        "max_digits": FIGURE_TOO_LARGE,
                        "max_whole_digits": FIGURE_TOO_LARGE,
                    },
                )
            self.fields[achieved_field(outcome.pk)] = forms.BooleanField(
                label="This outcome has been achieved",
                required=False,
                initial=row.achieved if row else False,
            )

    @property
    def outcome_rows(self) -> list[OutcomeRow]:
        rows = []
        for number, outcome in enumerate(self.outcomes, start=1):
            rows.append(
                OutcomeRow(
                    number=number,
                    outcome=outcome,
                    figure=self[figure_field(outcome.pk)] if outcome.is_numeric else None,
                    achieved=self[achieved_field(outcome.pk)],
                    previous=self.previous_figures.get(outcome.pk),
                )
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        for name, messages in content_problems(
            self.content(), self.outcomes, submitting=self.submitting
        ).items():
            if name not in self.errors:
                self.add_error(name, messages)
        return cleaned

    def content(self) -> UpdateContent:
        data = self.cleaned_data
        return UpdateContent(
            status=data.get("status") or Status.NOT_STARTED,
            narrative=data.get("narrative") or "",
            outcomes={
                outcome.pk: OutcomeFigures(
                    achieved_figure=data.get(figure_field(outcome.pk)),
                    achieved=bool(data.get(achieved_field(outcome.pk))),
                )
                for outcome in self.outcomes
            },
        )

    def error_summary(self) -> list[tuple[str, str]]:
        """(field id, message naming the field) for every error, in the form's order."""
        outcome_names = {}
        for number, outcome in enumerate(self.outcomes, start=1):
            outcome_names[figure_field(outcome.pk)] = f"Expected outcome {number}"
            outcome_names[achieved_field(outcome.pk)] = f"Expected outcome {number}"
        return error_summary(self, outcome_names)

    def conflicts(self, current: ProgressUpdate) -> list[Change]:
        """What the other person saved differently from what this person typed."""
        changes = conflicting_changes(self, current)
        theirs = {row.outcome_id: row for row in current.outcome_progress.all()}
        for number, outcome in enumerate(self.outcomes, start=1):
            row = theirs.get(outcome.pk)
            yours = self.cleaned_data
            if outcome.is_numeric:
                their_figure = row.achieved_figure if row else None
                your_figure = yours.get(figure_field(outcome.pk))
                if their_figure != your_figure:
                    changes.append(
                        Change(
                            f"Expected outcome {number}: figure achieved so far",
                            _figure_text(their_figure, outcome.unit),
                            _figure_text(your_figure, outcome.unit),
                        )
                    )
            their_tick = row.achieved if row else False
            your_tick = bool(yours.get(achieved_field(outcome.pk)))
            if their_tick != your_tick:
                changes.append(
                    Change(
                        f"Expected outcome {number}: achieved",
                        "Yes" if their_tick else "No",
                        "Yes" if your_tick else "No",
                    )
                )
        return changes


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What should the author change or add?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The author sees this on their next visit, and it stays in the update's history.",
        error_messages={"required": "Say what the author should change or add."},
    )


def _not_in_past(value: datetime.date) -> None:
    if value < timezone.localdate():
        raise forms.ValidationError(
            "Choose today or a later date: a deadline in the past would be overdue at once."
        )


class QuarterOpenForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label="Quarter", coerce=int, error_messages={"required": "Choose the quarter to open."}
    )
    deadline = forms.DateField(
        label="Deadline for updates",
        widget=DateInput(),
        validators=[_not_in_past],
        help_text="Usually two weeks after the quarter ends.",
        error_messages={
            "required": "Enter the date updates are due.",
            "invalid": "Enter the deadline as a date, for example 13/04/2026.",
        },
    )

    def __init__(self, *args, plan, unopened: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [
            (number, f"{plan.year.quarter(number)} ({plan.year.quarter(number).months})")
            for number in unopened
        ]
        if unopened and not self.is_bound:
            first = plan.year.quarter(unopened[0])
            self.fields["quarter"].initial = unopened[0]
            suggested = first.end + datetime.timedelta(days=14)
            if suggested >= timezone.localdate():
                self.fields["deadline"].initial = suggested


class QuarterReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why re-open it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Kept in the quarter's record, with your name and the time.",
        error_messages={"required": "Say why the quarter is being re-opened."},
    )
    deadline = forms.DateField(
        label="New deadline",
        widget=DateInput(),
        validators=[_not_in_past],
        error_messages={
            "required": "Enter the new date updates are due.",
            "invalid": "Enter the deadline as a date, for example 13/04/2026.",
        },
    )

    def __init__(self, *args, prefix_quarter: int, **kwargs):
        super().__init__(*args, prefix=f"reopen-q{prefix_quarter}", **kwargs)


class PlanApproveForm(ErrorSummaryMixin, forms.Form):
    approved_on = forms.DateField(
        label="Approved by RAG on",
        widget=DateInput(),
        help_text="The date of the RAG meeting that approved the plan.",
        error_messages={
            "required": "Enter the date RAG approved the plan.",
            "invalid": "Enter the date as a date, for example 27/03/2018.",
        },
    )


class UpdatesUploadForm(ErrorSummaryMixin, UploadForm):
    label = "Your filled-in copy of My actions (Excel .xlsx)"
    help_text = (
        "The workbook downloaded from My actions or the plan's page, with this quarter's "
        "Status, Narrative, Figures achieved and Save as filled in."
    )

from django import forms
from django.core.exceptions import ValidationError

from funding import rules, selectors
from funding.filters import objective_label
from funding.models import DECIDED, BidStatus, Funder, FundingBid, Spend
from funding.money import EXAMPLE, MoneyError, parse_pounds
from sosafe.concurrency import Change, VersionedFormMixin, conflicting_changes
from sosafe.models import Membership
from sosafe.spreadsheets import UploadForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoneyField(forms.Field):
    """Pounds and pence as people write them: 1234.50, 1,234.50 or £1,234.50."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 20})

    def prepare_value(self, value):
        # Show a stored Decimal as money (1,234.50); keep what was typed as typed.
        if value is None:
            return ""
        return value if isinstance(value, str) else f"{value:,.2f}"

    def to_python(self, value):
        try:
            return parse_pounds(value)
        except MoneyError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class ObjectivesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return objective_label(obj)


class BidForm(VersionedFormMixin, forms.ModelForm):
    amount_requested = MoneyField(
        label="Amount requested (£)",
        required=False,
        help_text=f"For example {EXAMPLE}. Leave empty if the amount asked is not known.",
    )
    amount_awarded = MoneyField(
        label="Amount awarded (£)",
        required=False,
        help_text="Only for a successful bid, and required for one.",
    )
    objectives = ObjectivesField(
        label="Objectives it serves",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status_note = forms.CharField(
        label="Note for the timeline",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded with a change of status. Required when correcting a decision.",
    )

    class Meta:
        model = FundingBid
        fields = [
            "title",
            "funder",
            "fund",
            "organisation",
            "delivering_team",
            "purpose",
            "objectives",
            "status",
            "amount_requested",
            "amount_awarded",
            "submitted_on",
            "decision_on",
            "received_on",
            "date_precision",
            "grant_starts",
            "grant_ends",
            "notes",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "submitted_on": DATE_WIDGET,
            "decision_on": DATE_WIDGET,
            "received_on": DATE_WIDGET,
            "grant_starts": DATE_WIDGET,
            "grant_ends": DATE_WIDGET,
        }

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        partnership = membership.partnership
        self.previous_status = self.instance.status if self.instance.pk else None
        self.fields["funder"].queryset = Funder.objects.filter(partnership=partnership)
        self.fields["funder"].empty_label = "Not recorded"
        self.fields["organisation"].queryset = partnership.organisations.all()
        self.fields["organisation"].empty_label = "Not recorded"
        self.fields["objectives"].queryset = selectors.objectives_of(partnership)
        allowed = rules.next_statuses(membership, self.previous_status)
        if self.previous_status and self.previous_status not in allowed:
            allowed = [self.previous_status, *allowed]
        self.fields["status"].choices = [(s, BidStatus(s).label) for s in allowed]
        if self.instance.pk and not rules.can_manage_funding(membership):
            organisation = self.fields["organisation"]
            organisation.disabled = True
            organisation.help_text = "Only a coordinator may change who delivers a bid."

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        previous = self.previous_status
        # Moving a live bid on, the date is known; a bid recorded after the event may have
        # only some of its dates in the papers, so a new bid needs none.
        changed = previous is not None and status and status != previous
        if changed and status in DECIDED and not cleaned.get("decision_on"):
            self.add_error("decision_on", "Enter the date the funder made its decision.")
        if changed and status == BidStatus.SUBMITTED and not cleaned.get("submitted_on"):
            self.add_error("submitted_on", "Enter the date the bid was submitted.")
        if (
            previous
            and status
            and rules.is_correction(previous, status)
            and not cleaned.get("status_note", "").strip()
        ):
            self.add_error(
                "status_note", "Say why the decision is being corrected; the timeline keeps it."
            )
        return cleaned

    def conflicts(self, current: FundingBid) -> list[Change]:
        """The fields, plus the objectives compared as sets rather than as text."""
        objectives_label = str(self.fields["objectives"].label)
        changes = [c for c in conflicting_changes(self, current) if c.label != objectives_label]
        theirs = list(current.objectives.select_related("strategy"))
        yours = list(self.cleaned_data.get("objectives") or [])
        if {o.pk for o in theirs} != {o.pk for o in yours}:
            changes.append(
                Change(
                    objectives_label,
                    "; ".join(objective_label(o) for o in theirs) or "none",
                    "; ".join(objective_label(o) for o in yours) or "none",
                )
            )
        return changes


class SpendForm(VersionedFormMixin, forms.ModelForm):
    amount = MoneyField(label="Amount (£)", help_text=f"For example {EXAMPLE}.")

    class Meta:
        model = Spend
        fields = ["spent_on", "amount", "description"]
        widgets = {"spent_on": DATE_WIDGET}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError("Enter an amount above £0.00.")
        return amount


class FunderForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Funder
        fields = ["name", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Funder.objects.filter(
            partnership=self.membership.partnership, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(f"There is already a funder called “{clash.first().name}”.")
        return name


class ImportForm(UploadForm):
    help_text = "The first row holds the column names, as in the export."

"""Funders, funding bids and the spend against the bids that succeed.

A bid moves through a small pipeline (``PIPELINE`` below, the only statement of it). Its
financial year is the year of its *year date*: the date the money was received, else the date
of the decision, else the date it was submitted (``YEAR_DATE_ORDER``); ``sosafe.periods`` does
the year arithmetic.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actionplan.models import Objective
from sosafe.concurrency import VersionedModel
from sosafe.models import Organisation, Partnership
from sosafe.periods import FinancialYear

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class Funder(VersionedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="funders")
    name = models.CharField(
        max_length=200, help_text="As bids and papers name it, e.g. Police and Crime Commissioner."
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="funder_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted, awaiting decision"
    SUCCESSFUL = "successful", "Successful"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The pipeline: from each status, where a bid may go next.
PIPELINE: dict[str, frozenset[str]] = {
    BidStatus.DRAFT: frozenset({BidStatus.SUBMITTED, BidStatus.WITHDRAWN}),
    BidStatus.SUBMITTED: frozenset(
        {BidStatus.SUCCESSFUL, BidStatus.UNSUCCESSFUL, BidStatus.WITHDRAWN}
    ),
    BidStatus.SUCCESSFUL: frozenset(),
    BidStatus.UNSUCCESSFUL: frozenset(),
    BidStatus.WITHDRAWN: frozenset(),
}
# A decision recorded the wrong way round may be put right by a coordinator, with a reason;
# the timeline keeps both entries. Withdrawn is final: bidding again is a new bid.
CORRECTIONS: dict[str, frozenset[str]] = {
    BidStatus.SUCCESSFUL: frozenset({BidStatus.UNSUCCESSFUL}),
    BidStatus.UNSUCCESSFUL: frozenset({BidStatus.SUCCESSFUL}),
}
DECIDED = frozenset({BidStatus.SUCCESSFUL, BidStatus.UNSUCCESSFUL})

# Which date puts a bid in a financial year, first present wins.
YEAR_DATE_ORDER = ("received_on", "decision_on", "submitted_on")


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact dates"
    MONTH = "month", "Month only (the 1st of the month is stored)"


class FundingBid(VersionedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="funding_bids"
    )
    title = models.CharField(max_length=200)
    funder = models.ForeignKey(
        Funder,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="bids",
        help_text="Leave empty only where the record does not say who funds it.",
    )
    fund = models.CharField(
        max_length=200,
        blank=True,
        help_text="The funder's scheme or route, e.g. Safer Streets Fund.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="funding_bids",
        verbose_name="delivering organisation",
        help_text="Its lead officers may update the bid and record its spend.",
    )
    delivering_team = models.CharField(
        max_length=200, blank=True, help_text="e.g. Community Safety Fly Tipping Task Force."
    )
    purpose = models.TextField("how the funding is used", blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="funding_bids", verbose_name="objectives it serves"
    )
    amount_requested = models.DecimalField(
        **MONEY, null=True, blank=True, help_text="Leave empty if the amount asked is not known."
    )
    amount_awarded = models.DecimalField(
        **MONEY, null=True, blank=True, help_text="Only for a successful bid."
    )
    status = models.CharField(max_length=12, choices=BidStatus.choices, default=BidStatus.DRAFT)
    submitted_on = models.DateField("date submitted", null=True, blank=True)
    decision_on = models.DateField("date of decision", null=True, blank=True)
    received_on = models.DateField("date funding received", null=True, blank=True)
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Whether the dates are exact or the record gives only the month.",
    )
    grant_starts = models.DateField("grant period starts", null=True, blank=True)
    grant_ends = models.DateField("grant period ends", null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[objectives])

    class Meta:
        ordering = ["-received_on", "-decision_on", "-submitted_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True) | Q(status=BidStatus.SUCCESSFUL),
                name="funding_bid_award_needs_success",
                violation_error_message="An amount awarded is only for a successful bid.",
            ),
            models.CheckConstraint(
                condition=~Q(status=BidStatus.SUCCESSFUL) | Q(amount_awarded__isnull=False),
                name="funding_bid_success_has_award",
                violation_error_message="A successful bid needs the amount awarded.",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__isnull=True) | Q(amount_requested__gte=0),
                name="funding_bid_requested_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True) | Q(amount_awarded__gte=0),
                name="funding_bid_awarded_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(grant_starts__isnull=True)
                | Q(grant_ends__isnull=True)
                | Q(grant_ends__gte=models.F("grant_starts")),
                name="funding_bid_grant_ends_after_start",
                violation_error_message="The grant period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BidStatus.values), name="funding_bid_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:bid-detail", args=[self.partnership.slug, self.pk])

    @property
    def year_date(self) -> datetime.date | None:
        for name in YEAR_DATE_ORDER:
            value = getattr(self, name)
            if value:
                return value
        return None

    @property
    def financial_year(self) -> FinancialYear | None:
        day = self.year_date
        return FinancialYear.of_date(day) if day else None

    @property
    def is_successful(self) -> bool:
        return self.status == BidStatus.SUCCESSFUL

    @property
    def spent(self) -> Decimal:
        """Total spend; uses the ``spent_total`` annotation when the query provided it."""
        from funding.money import pennies

        total = getattr(self, "spent_total", None)
        if total is None:
            total = self.spend_entries.aggregate(total=models.Sum("amount"))["total"]
        return pennies(total)

    @property
    def remaining(self) -> Decimal | None:
        if self.amount_awarded is None:
            return None
        return self.amount_awarded - self.spent

    def spend_warnings(self, today: datetime.date | None = None) -> list[str]:
        """What grant monitoring should look at: over-spend, and money left after the end."""
        if not self.is_successful or self.amount_awarded is None:
            return []
        from funding.money import format_pounds

        today = today or datetime.date.today()
        spent, awarded = self.spent, self.amount_awarded
        warnings = []
        if spent > awarded:
            warnings.append(
                f"Spend of {format_pounds(spent)} is more than the award of "
                f"{format_pounds(awarded)}, by {format_pounds(spent - awarded)}."
            )
        if self.grant_ends and self.grant_ends < today and spent < awarded:
            warnings.append(
                f"The grant period ended on {self.grant_ends.day} {self.grant_ends:%B %Y} with "
                f"{format_pounds(awarded - spent)} of the award unspent."
            )
        return warnings

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.amount_awarded is not None and self.status != BidStatus.SUCCESSFUL:
            errors["amount_awarded"] = (
                "An amount awarded is only for a successful bid: clear it, or set the status "
                "to Successful."
            )
        if self.status == BidStatus.SUCCESSFUL and self.amount_awarded is None:
            errors["amount_awarded"] = "Enter the amount awarded to this successful bid."
        if self.received_on and self.status != BidStatus.SUCCESSFUL:
            errors["received_on"] = (
                "Only a successful bid receives funding: clear the date received, or set the "
                "status to Successful."
            )
        if self.submitted_on and self.decision_on and self.decision_on < self.submitted_on:
            errors["decision_on"] = "The decision cannot come before the bid was submitted."
        if self.grant_starts and self.grant_ends and self.grant_ends < self.grant_starts:
            errors["grant_ends"] = "The grant period cannot end before it starts."
        if self.funder_id and self.funder.partnership_id != self.partnership_id:
            errors["funder"] = "Choose a funder of this partnership."
        if self.organisation_id and self.organisation.partnership_id != self.partnership_id:
            errors["organisation"] = "Choose an organisation of this partnership."
        if errors:
            raise ValidationError(errors)


class BidStatusChange(models.Model):
    """One step in a bid's timeline: who moved it to which status, when, and why."""

    bid = models.ForeignKey(FundingBid, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        max_length=12, choices=BidStatus.choices, blank=True, help_text="Empty when recorded."
    )
    to_status = models.CharField(max_length=12, choices=BidStatus.choices)
    is_correction = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bid", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.bid}: {self.from_status or 'new'} → {self.to_status}"


class Spend(VersionedModel):
    bid = models.ForeignKey(FundingBid, on_delete=models.CASCADE, related_name="spend_entries")
    spent_on = models.DateField("date")
    amount = models.DecimalField(**MONEY)
    description = models.CharField("what it was for", max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "spent_on", "pk"]
        verbose_name = "spend entry"
        verbose_name_plural = "spend entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="spend_amount_positive",
                violation_error_message="Spend must be more than £0.00.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on}: {self.description}"

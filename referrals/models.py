"""Services of the partnership and the referral counts they return each quarter.

Counts only: the portal holds nothing about the people referred.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actionplan.models import Objective
from sosafe.bounds import INTEGER_MAX, integer_max_validator
from sosafe.concurrency import VersionedModel
from sosafe.fields import FinancialYearField
from sosafe.models import Organisation, Partnership
from sosafe.periods import QUARTER_CHOICES, Quarter

MAX_COUNT = INTEGER_MAX


class Service(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="referral_services"
    )
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        related_name="referral_services",
        help_text="The organisation that runs the service.",
    )
    description = models.TextField(blank=True)
    measure = models.CharField(
        "what is counted",
        max_length=100,
        default="referrals",
        help_text="What the service's figure counts, e.g. referrals.",
    )
    objectives = models.ManyToManyField(
        Objective,
        blank=True,
        related_name="referral_services",
        help_text="The strategy objectives the service supports.",
    )
    active_from = models.DateField(null=True, blank=True, help_text="Leave empty if not known.")
    active_to = models.DateField(
        null=True, blank=True, help_text="Leave empty while the service runs."
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_for_services",
        verbose_name="officers responsible for returns",
        help_text="They may enter the service's counts even if they work for another agency.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="service_unique_name"),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="service_active_to_after_from",
                violation_error_message="A service cannot stop before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("referrals:service-detail", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        if (
            self.organisation_id
            and self.partnership_id
            and self.organisation.partnership_id != self.partnership_id
        ):
            raise ValidationError(
                {"organisation": "Choose an organisation of the same partnership."}
            )

    def is_active_in(self, quarter: Quarter) -> bool:
        starts_in_time = self.active_from is None or self.active_from <= quarter.end
        still_running = self.active_to is None or self.active_to >= quarter.start
        return starts_in_time and still_running

    @staticmethod
    def active_in_filter(quarter_start: datetime.date, quarter_end: datetime.date) -> Q:
        """Services running at some point between the two dates."""
        return (Q(active_from__isnull=True) | Q(active_from__lte=quarter_end)) & (
            Q(active_to__isnull=True) | Q(active_to__gte=quarter_start)
        )


class ReferralReturn(VersionedModel):
    """A service's count for one quarter: one per service per quarter."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="returns")
    year = FinancialYearField("financial year")
    quarter = models.PositiveSmallIntegerField(choices=QUARTER_CHOICES)
    total = models.IntegerField(
        "count",
        help_text="A whole number, 0 or more. With a breakdown, their sum.",
        validators=[integer_max_validator("The count")],
    )
    illustrative = models.BooleanField(
        "illustrative figure",
        default=False,
        help_text="Not a real return: spread from a year total or made up so that trends show.",
    )
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_returns",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "quarter"],
                name="referral_return_one_per_quarter",
                violation_error_message="This service already has a return for that quarter.",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0),
                name="referral_return_total_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="referral_return_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.period}"

    @property
    def period(self) -> Quarter:
        return self.year.quarter(self.quarter)

    def clean(self) -> None:
        # The breakdown already saved must still add up; services.return_save checks the
        # breakdown that is being saved with the total.
        if self.pk and self.total is not None:
            breakdown = self.sources.aggregate(total=models.Sum("count"))["total"]
            if breakdown is not None and breakdown != self.total:
                raise ValidationError(
                    {"total": breakdown_mismatch_message(breakdown=breakdown, total=self.total)}
                )


def breakdown_mismatch_message(*, breakdown: int, total: int) -> str:
    return (
        f"The breakdown by referring agency adds up to {breakdown}, not {total}: "
        f"make the count {breakdown} or correct the breakdown."
    )


class SourceCount(models.Model):
    """How many of a return's referrals came from one referring agency (or self, or other)."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Partner organisation"
        SELF_REFERRAL = "self_referral", "Self-referral"
        OTHER = "other", "Other"

    referral_return = models.ForeignKey(
        ReferralReturn, on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORGANISATION)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="referral_source_counts",
    )
    count = models.IntegerField(validators=[integer_max_validator("The count")])
    history = HistoricalRecords()

    class Meta:
        ordering = ["referral_return", "kind", "organisation__short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="source_count_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(kind="organisation", organisation__isnull=False)
                | (~Q(kind="organisation") & Q(organisation__isnull=True)),
                name="source_count_organisation_iff_kind",
                violation_error_message="Name the organisation only for a partner organisation.",
            ),
            models.UniqueConstraint(
                fields=["referral_return", "organisation"],
                condition=Q(organisation__isnull=False),
                name="source_count_one_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["referral_return", "kind"],
                condition=~Q(kind="organisation"),
                name="source_count_one_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.count}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.ORGANISATION and self.organisation_id:
            return self.organisation.short_name
        return self.get_kind_display()


class ReportedFigure(models.Model):
    """A figure exactly as a source document gives it, e.g. a year's total in a presentation.

    Kept apart from the quarterly returns so that a total reported for a year (or part of one)
    is stored as given, whatever is later entered quarter by quarter.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reported_figures")
    year = FinancialYearField(
        "financial year", help_text="The financial year the figure is reported under."
    )
    count = models.IntegerField(validators=[integer_max_validator("The count")])
    period = models.CharField(
        "period covered", max_length=300, help_text="As the source states it."
    )
    whole_year = models.BooleanField(
        "covers the whole financial year",
        default=False,
        help_text="Leave unticked when the source covers part of the year or does not say.",
    )
    source = models.CharField(max_length=300, help_text="The document the figure comes from.")
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["service", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="reported_figure_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year}: {self.count}"

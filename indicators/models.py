"""Performance indicators, their values per month or quarter, and the partnership's area and
population that crime counts and rates depend on."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from actionplan.models import Objective
from indicators.measures import Polarity, Unit
from sosafe.fields import FinancialYearField
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, Month, Quarter

POLICE_UK_SOURCE = "police.uk street-level crime data"
ALL_CRIME = "All crime"  # every police.uk crime type but anti-social behaviour
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"

QUARTER_CHOICES = [(n, f"Q{n}") for n in (1, 2, 3, 4)]
MONTH_CHOICES = [(m, f"{Month(2000, m).start:%B}") for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


def _month_in_quarter() -> Q:
    """The month, when there is one, lies in the quarter (April–June is Q1 … January–March Q4)."""
    condition = Q(month__isnull=True)
    for quarter, months in ((1, (4, 5, 6)), (2, (7, 8, 9)), (3, (10, 11, 12)), (4, (1, 2, 3))):
        condition |= Q(quarter=quarter, month__in=months)
    return condition


VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES = 14, 2  # an indicator value's numeric column


class Area(models.Model):
    """The partnership's area as police.uk places crimes: by LSOA code or LSOA name.

    An LSOA is in the area when its code is listed, or its name is the prefix or starts with the
    prefix and a space ("Stevenage" covers "Stevenage 001A" but not "Stevenageville 001A").
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="area_of"
    )
    lsoa_name_prefix = models.CharField(
        "LSOA name prefix",
        max_length=100,
        blank=True,
        help_text='LSOAs whose name starts with this, e.g. "Stevenage" for "Stevenage 001A".',
    )
    lsoa_codes = models.TextField(
        "LSOA codes",
        blank=True,
        help_text="Codes such as E01023000, one per line (or separated by commas or spaces).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Area of {self.partnership}"

    @property
    def code_set(self) -> frozenset[str]:
        return parse_lsoa_codes(self.lsoa_codes)

    @property
    def is_defined(self) -> bool:
        return bool(self.lsoa_name_prefix.strip() or self.code_set)

    def clean(self) -> None:
        if not self.is_defined:
            raise ValidationError(
                "Give an LSOA name prefix, some LSOA codes, or both: an empty area holds no crime."
            )


def parse_lsoa_codes(text: str) -> frozenset[str]:
    return frozenset(code.strip().upper() for code in text.replace(",", " ").split() if code)


class PopulationEstimate(models.Model):
    """The partnership area's population in a financial year, for rates per 1,000."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="population_estimates"
    )
    year = FinancialYearField("financial year")
    population = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    source = models.CharField(max_length=300, blank=True, help_text="E.g. ONS mid-2024 estimate.")

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                name="population_one_per_year",
                violation_error_message="There is already a population for that year.",
            ),
            models.CheckConstraint(
                condition=Q(population__gt=0),
                name="population_positive",
                violation_error_message="A population must be more than 0.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year}: {self.population:,}"


class Indicator(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What is counted, and any caveats.")
    unit = models.CharField(
        max_length=20,
        choices=Unit.choices,
        default=Unit.COUNT,
        help_text="For a rate, enter the count: the portal divides it by the year's population.",
    )
    polarity = models.CharField(
        max_length=10, choices=Polarity.choices, default=Polarity.LOWER_IS_BETTER
    )
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="The strategy objective it measures.",
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    green_within_percent = models.DecimalField(
        "met when worse than target by at most (%)",
        max_digits=5,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
        help_text="0 means the target itself must be reached.",
    )
    amber_within_percent = models.DecimalField(
        "near target (amber) when worse by at most (%)",
        max_digits=5,
        decimal_places=1,
        default=Decimal(5),
        validators=[MinValueValidator(0)],
        help_text="Worse than the target by more than this is red (missed).",
    )
    police_crime_type = models.CharField(
        "police.uk crime type",
        max_length=100,
        blank=True,
        help_text=f'Filled from police.uk imports, e.g. "Burglary", or "{ALL_CRIME}".',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="indicator_unique_name",
                violation_error_message="The partnership already has an indicator of that name.",
            ),
            models.UniqueConstraint(
                fields=["partnership", "police_crime_type"],
                condition=~Q(police_crime_type=""),
                name="indicator_one_per_crime_type",
                violation_error_message="Another indicator already takes that police.uk type.",
            ),
            models.CheckConstraint(
                condition=Q(green_within_percent__gte=0)
                & Q(amber_within_percent__gte=models.F("green_within_percent")),
                name="indicator_thresholds_ordered",
                violation_error_message=(
                    "The amber threshold must be at least the green one (and neither below 0)."
                ),
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="indicator_unit_known"),
            models.CheckConstraint(
                condition=Q(polarity__in=Polarity.values), name="indicator_polarity_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", args=[self.partnership.slug, self.pk])

    @property
    def is_monthly(self) -> bool:
        return self.frequency == self.Frequency.MONTHLY

    def periods(self, year: FinancialYear) -> list[Month] | list[Quarter]:
        return year.months() if self.is_monthly else year.quarters()

    def clean(self) -> None:
        if (
            self.objective_id
            and self.partnership_id
            and self.objective.strategy.partnership_id != self.partnership_id
        ):
            raise ValidationError({"objective": "Choose an objective of this partnership."})


def value_period(year: FinancialYear, quarter: int, month: int | None) -> Month | Quarter:
    """The period of an indicator value: its month, or its quarter for a quarterly value."""
    if month:
        return Month.in_year(year, month)
    return year.quarter(quarter)


class IndicatorValue(models.Model):
    """An indicator's figure for one month (monthly indicators) or quarter (quarterly ones).

    For a rate the value is the count; the rate comes from the year's population.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = FinancialYearField("financial year")
    quarter = models.PositiveSmallIntegerField(choices=QUARTER_CHOICES)
    month = models.PositiveSmallIntegerField(
        choices=MONTH_CHOICES, null=True, blank=True, help_text="Empty for a quarterly value."
    )
    value = models.DecimalField(max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES)
    target = models.DecimalField(
        max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, null=True, blank=True
    )
    illustrative = models.BooleanField(
        "illustrative figure",
        default=False,
        help_text="Not a measured figure: made up or spread from a total so that trends show.",
    )
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_values",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "quarter", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "month"],
                condition=Q(month__isnull=False),
                name="indicator_value_one_per_month",
                violation_error_message="This indicator already has a value for that month.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=Q(month__isnull=True),
                name="indicator_value_one_per_quarter",
                violation_error_message="This indicator already has a value for that quarter.",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="indicator_value_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=_month_in_quarter(),
                name="indicator_value_month_in_quarter",
                violation_error_message="The month must lie in the quarter.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicator_value_not_negative",
                violation_error_message="A value cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="indicator_target_not_negative",
                violation_error_message="A target cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"

    @property
    def period(self) -> Month | Quarter:
        return value_period(self.year, self.quarter, self.month)

    def clean(self) -> None:
        if self.indicator_id and self.indicator.is_monthly != bool(self.month):
            per = "month" if self.indicator.is_monthly else "quarter"
            frequency = self.indicator.get_frequency_display().lower()
            raise ValidationError(f"{self.indicator} is {frequency}: give a value per {per}.")

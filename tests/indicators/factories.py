"""factory_boy factories for indicators and their values."""

from decimal import Decimal

import factory

from indicators.models import Indicator, IndicatorValue, PopulationEstimate
from sosafe.periods import FinancialYear, Month, Quarter
from tests.factories import PartnershipFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Indicator {n:03d}")
    source = "Test source"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = FinancialYear(2024)
    quarter = 1
    month = 4
    value = Decimal(10)


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationEstimate

    partnership = factory.SubFactory(PartnershipFactory)
    year = FinancialYear(2024)
    population = 90000


def month_value(indicator, slug: str, value, **kwargs) -> IndicatorValue:
    """A value for the month "2024-05"."""
    month = Month.parse(slug)
    return IndicatorValueFactory(
        indicator=indicator,
        year=month.year,
        quarter=month.quarter.number,
        month=month.month,
        value=Decimal(value),
        **kwargs,
    )


def quarter_value(indicator, text: str, value, **kwargs) -> IndicatorValue:
    """A value for the quarter "Q1 2024/25"."""
    quarter = Quarter.parse(text)
    return IndicatorValueFactory(
        indicator=indicator,
        year=quarter.year,
        quarter=quarter.number,
        month=None,
        value=Decimal(value),
        **kwargs,
    )

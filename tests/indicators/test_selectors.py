"""indicator_summaries: the figures the dashboard shows, checked against hand-worked values."""

from decimal import Decimal as D

import pytest

from indicators.measures import Direction, Polarity, TargetStatus, Unit
from indicators.models import Indicator
from indicators.selectors import indicator_summaries
from sosafe.periods import FinancialYear
from tests.indicators.factories import (
    IndicatorFactory,
    PopulationFactory,
    month_value,
    quarter_value,
)

Y2025 = FinancialYear(2025)


def summary_of(partnership, name, quarter=3, year=Y2025):
    summaries = {s.name: s for s in indicator_summaries(partnership, year=year, quarter=quarter)}
    return summaries[name]


@pytest.fixture
def partnership(world):
    return world.partnership


def test_lower_is_better_monthly_with_year_to_date(partnership):
    asb = IndicatorFactory(partnership=partnership, name="ASB", polarity=Polarity.LOWER_IS_BETTER)
    # Last year Apr–Dec: 100 a month (900); this year: 90 a month but December 95.
    for n, slug in enumerate(["04", "05", "06", "07", "08", "09", "10", "11", "12"]):
        month_value(asb, f"2024-{slug}", 100)
        month_value(
            asb, f"2025-{slug}", 95 if slug == "12" else 90, target=D(92) if n == 8 else None
        )
    summary = summary_of(partnership, "ASB")
    assert summary.period == "Dec 2025"
    assert summary.latest == D(95)
    assert summary.previous_period == "Nov 2025"
    assert summary.on_previous.previous == D(90)
    assert summary.on_previous.direction == Direction.WORSENING
    assert summary.on_previous.arrow == "arrow-up"
    assert summary.same_period_last_year == "Dec 2024"
    assert summary.on_last_year.percent == D("-5.0")
    assert summary.on_last_year.direction == Direction.IMPROVING
    # 8 × 90 + 95 = 815 against 900: -9.4%.
    assert summary.year_to_date == "Apr–Dec 2025"
    assert summary.on_last_year_to_date.current == D(815)
    assert summary.on_last_year_to_date.previous == D(900)
    assert summary.on_last_year_to_date.percent == D("-9.4")
    assert summary.direction == Direction.IMPROVING
    assert summary.arrow == "arrow-down"
    # 95 against a target of 92 is 3.3% worse: near (amber within 5%).
    assert summary.target == D(92)
    assert summary.target_status == TargetStatus.NEAR
    assert summary.rag == "amber"
    assert summary.illustrative is False


def test_higher_is_better_quarterly_missing_previous(partnership):
    arrests = IndicatorFactory(
        partnership=partnership,
        name="Arrests",
        polarity=Polarity.HIGHER_IS_BETTER,
        frequency=Indicator.Frequency.QUARTERLY,
    )
    quarter_value(arrests, "Q1 2025/26", 14, illustrative=True)
    quarter_value(arrests, "Q3 2025/26", 15, target=D(12))
    summary = summary_of(partnership, "Arrests")
    assert summary.period == "Q3 2025/26"
    assert summary.on_previous.direction == Direction.NOT_COMPARABLE  # Q2 missing
    assert summary.on_previous.change_text == "No comparison"
    assert summary.on_last_year.direction == Direction.NOT_COMPARABLE
    assert summary.on_last_year_to_date.current == D(29)
    assert summary.on_last_year_to_date.previous is None
    assert summary.year_to_date == "Q1–Q3 2025/26"
    assert summary.direction == Direction.NOT_COMPARABLE
    assert summary.arrow == "dash"
    assert summary.target_status == TargetStatus.MET
    assert summary.illustrative is True  # Q1 went into the year to date


def test_zero_previous_value(partnership):
    robbery = IndicatorFactory(
        partnership=partnership, name="Robbery", frequency=Indicator.Frequency.QUARTERLY
    )
    quarter_value(robbery, "Q2 2025/26", 0)
    quarter_value(robbery, "Q3 2025/26", 3)
    summary = summary_of(partnership, "Robbery")
    assert summary.on_previous.percent is None
    assert summary.on_previous.difference == D(3)
    assert summary.on_previous.direction == Direction.WORSENING
    assert summary.on_previous.change_text == "+3 (none before)"


def test_closest_to_target(partnership):
    share = IndicatorFactory(
        partnership=partnership,
        name="Share",
        unit=Unit.PERCENTAGE,
        polarity=Polarity.CLOSEST_TO_TARGET,
        frequency=Indicator.Frequency.QUARTERLY,
        green_within_percent=D(2),
        amber_within_percent=D(10),
    )
    quarter_value(share, "Q3 2024/25", 70)
    quarter_value(share, "Q2 2025/26", 58)
    quarter_value(share, "Q3 2025/26", 54, target=D(50))
    summary = summary_of(partnership, "Share")
    assert summary.on_previous.direction == Direction.IMPROVING  # 8 away, now 4
    assert summary.on_last_year.direction == Direction.IMPROVING  # 20 away, now 4
    assert summary.target_status == TargetStatus.NEAR  # 8% away from 50
    assert summary.latest_text == "54%"


def test_rates_use_that_years_population(partnership):
    crime = IndicatorFactory(
        partnership=partnership,
        name="Crime rate",
        unit=Unit.RATE,
        frequency=Indicator.Frequency.QUARTERLY,
    )
    PopulationFactory(partnership=partnership, year=FinancialYear(2024), population=80000)
    PopulationFactory(partnership=partnership, year=Y2025, population=100000)
    quarter_value(crime, "Q3 2024/25", 800)
    quarter_value(crime, "Q3 2025/26", 900)
    summary = summary_of(partnership, "Crime rate")
    # 900 / 100,000 × 1,000 = 9.00 against 800 / 80,000 × 1,000 = 10.00: down 10%.
    assert summary.latest == D("9.00")
    assert summary.on_last_year.previous == D("10.00")
    assert summary.on_last_year.percent == D("-10.0")
    assert summary.on_last_year.direction == Direction.IMPROVING
    assert summary.latest_text == "9 per 1,000"


def test_rate_without_population_says_why(partnership):
    crime = IndicatorFactory(
        partnership=partnership,
        name="Crime rate",
        unit=Unit.RATE,
        frequency=Indicator.Frequency.QUARTERLY,
    )
    quarter_value(crime, "Q3 2025/26", 900)
    summary = summary_of(partnership, "Crime rate")
    assert summary.latest is None
    assert "No population recorded for 2025/26" in summary.note


def test_latest_is_within_the_year_and_quarter(partnership):
    asb = IndicatorFactory(partnership=partnership, name="ASB")
    month_value(asb, "2025-06", 50)
    month_value(asb, "2026-01", 70)  # Q4: after the quarter asked for
    assert summary_of(partnership, "ASB", quarter=3).period == "Jun 2025"
    assert summary_of(partnership, "ASB", quarter=4).period == "Jan 2026"
    empty = summary_of(partnership, "ASB", year=FinancialYear(2023), quarter=4)
    assert empty.period == ""
    assert empty.latest is None
    assert empty.target_status == TargetStatus.NO_TARGET
    assert "No value for 2023/24" in empty.note


def test_other_partnerships_indicators_are_left_out(world):
    IndicatorFactory(partnership=world.other_partnership, name="Theirs")
    IndicatorFactory(partnership=world.partnership, name="Ours")
    names = [s.name for s in indicator_summaries(world.partnership, year=Y2025, quarter=1)]
    assert names == ["Ours"]


@pytest.mark.parametrize("count", [1, 10])
def test_query_count_is_fixed(world, django_assert_num_queries, count):
    for n in range(count):
        indicator = IndicatorFactory(partnership=world.partnership, name=f"I{n}")
        for slug in ("2024-12", "2025-11", "2025-12"):
            month_value(indicator, slug, n)
    PopulationFactory(partnership=world.partnership, year=Y2025)
    with django_assert_num_queries(3):
        indicator_summaries(world.partnership, year=Y2025, quarter=3)

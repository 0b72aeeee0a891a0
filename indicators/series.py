"""An indicator's values as a series of periods, read as the reader sees them (rates per 1,000
worked out with each year's population), with the comparisons the pages and the dashboard show.

Plain objects built from rows already fetched: no queries here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators import measures
from indicators.measures import Comparison, Direction, TargetStatus, Unit
from indicators.models import Indicator, IndicatorValue
from sosafe.periods import FinancialYear, Month, Quarter

Period = Month | Quarter


@dataclass(frozen=True, slots=True)
class StoredValue:
    """What a series reads of an ``IndicatorValue``, as plain values: the dashboard reads
    hundreds of values per request, and model instances cost more than the rest of the work."""

    period: Period
    month: int | None
    value: Decimal
    target: Decimal | None
    illustrative: bool


def period_of(value: IndicatorValue | StoredValue) -> Period:
    return value.period


def span_label(periods: list[Period]) -> str:
    """ "Apr–Dec 2025", "Q1–Q3 2025/26", or one period's own label."""
    if not periods:
        return ""
    first, last = periods[0], periods[-1]
    if first == last:
        return str(first)
    if isinstance(first, Month):
        if first.calendar_year == last.calendar_year:
            return f"{first.start:%b}–{last.label}"
        return f"{first.label}–{last.label}"
    return f"{first.label}–{last.label} {first.year}"


@dataclass(frozen=True)
class Point:
    """One period of the series, as the reader sees it."""

    period: Period
    value: Decimal | None  # a rate for rate indicators
    count: Decimal | None  # the stored figure
    target: Decimal | None
    illustrative: bool
    status: TargetStatus
    on_previous: Comparison
    on_last_year: Comparison


class Series:
    def __init__(
        self,
        indicator: Indicator,
        values: Iterable[IndicatorValue | StoredValue],
        populations: dict[int, int],
    ) -> None:
        self.indicator = indicator
        self.populations = populations
        monthly = indicator.is_monthly
        self.by_period: dict[Period, IndicatorValue | StoredValue] = {
            period_of(v): v for v in values if bool(v.month) == monthly
        }

    # Single periods ---------------------------------------------------------------------

    def stored(self, period: Period) -> IndicatorValue | StoredValue | None:
        return self.by_period.get(period)

    def reading(self, count: Decimal | None, year: FinancialYear) -> Decimal | None:
        """A stored figure as the reader sees it: a rate needs that year's population."""
        if count is None or self.indicator.unit != Unit.RATE:
            return count
        return measures.rate_per_thousand(count, self.populations.get(year.start_year))

    def value(self, period: Period) -> Decimal | None:
        stored = self.stored(period)
        return self.reading(stored.value if stored else None, period.year)

    def target(self, period: Period) -> Decimal | None:
        stored = self.stored(period)
        return stored.target if stored else None

    def compare(self, previous: Period, current: Period) -> Comparison:
        return measures.compare(
            self.indicator.polarity, self.value(previous), self.value(current), self.target(current)
        )

    def status(self, period: Period) -> TargetStatus:
        return measures.target_status(
            self.indicator.polarity,
            self.value(period),
            self.target(period),
            green_within=self.indicator.green_within_percent,
            amber_within=self.indicator.amber_within_percent,
        )

    def point(self, period: Period) -> Point:
        stored = self.stored(period)
        return Point(
            period=period,
            value=self.value(period),
            count=stored.value if stored else None,
            target=self.target(period),
            illustrative=bool(stored and stored.illustrative),
            status=self.status(period),
            on_previous=self.compare(period.previous(), period),
            on_last_year=self.compare(period.same_period_last_year(), period),
        )

    # Ranges ----------------------------------------------------------------------------

    @property
    def periods(self) -> list[Period]:
        return sorted(self.by_period)

    def latest_up_to(self, quarter: Quarter) -> Period | None:
        """The latest period with a value in ``quarter``'s financial year, up to its end."""
        candidates = [p for p in self.by_period if p.year == quarter.year and p.end <= quarter.end]
        return max(candidates) if candidates else None

    def combined(self, periods: list[Period], year: FinancialYear) -> Decimal | None:
        """Several periods as one figure (None unless every one has a value)."""
        stored = [self.stored(p) for p in periods]
        if not periods or None in stored:
            return None
        return self.reading(measures.combine(self.indicator.unit, [s.value for s in stored]), year)

    def to_date(self, period: Period) -> tuple[list[Period], Comparison]:
        """The year so far (the periods with values, up to ``period``) against the same
        periods of last year: comparable only when last year has all of them."""
        periods = [p for p in period.periods_to_date() if p in self.by_period]
        last_year = [p.same_period_last_year() for p in periods]
        current = self.combined(periods, period.year)
        previous = self.combined(last_year, period.year.previous())
        return periods, measures.compare(self.indicator.polarity, previous, current)

    def illustrative_in(self, periods: Iterable[Period]) -> bool:
        return any(stored.illustrative for stored in map(self.stored, periods) if stored)


def headline(*comparisons: Comparison) -> Comparison:
    """The first comparison that can be made, else the last."""
    for comparison in comparisons:
        if comparison.direction != Direction.NOT_COMPARABLE:
            return comparison
    return comparisons[-1]


YEARS_CHARTED = 5


@dataclass(frozen=True)
class TableRow:
    label: str  # "Apr" or "Q1 (Apr–Jun)"
    points: list[Point]  # one per year of SeriesTable.years


@dataclass(frozen=True)
class SeriesTable:
    """The figures by period of the year (rows) and financial year (columns, oldest first),
    as the chart draws them; and every period of the newest year with its comparisons."""

    indicator: Indicator
    years: list[FinancialYear]
    rows: list[TableRow]
    latest_year: list[Point]

    @property
    def has_illustrative(self) -> bool:
        return any(p.illustrative for row in self.rows for p in row.points) or any(
            p.illustrative for p in self.latest_year
        )

    def year_illustrative(self, index: int) -> bool:
        return any(row.points[index].illustrative for row in self.rows)


def series_table(series: Series) -> SeriesTable:
    with_values = sorted({p.year for p in series.by_period})
    years = with_values[-YEARS_CHARTED:]
    if not years:
        return SeriesTable(series.indicator, [], [], [])
    columns = [series.indicator.periods(year) for year in years]
    rows = []
    for index, period in enumerate(columns[0]):
        if isinstance(period, Month):
            label = f"{period.start:%b}"
        else:
            label = f"{period.label} ({period.months.split(' ')[0]})"
        rows.append(TableRow(label, [series.point(column[index]) for column in columns]))
    newest = [series.point(p) for p in columns[-1] if p in series.by_period]
    return SeriesTable(series.indicator, years, rows, newest)

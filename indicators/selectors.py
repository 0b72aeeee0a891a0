"""Reads of indicators that pages, the dashboard and the papers share.

``indicator_summaries`` is what other apps call: plain frozen data for a partnership and a
quarter, in a fixed number of queries whatever the number of indicators and values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import ExpressionWrapper, F, IntegerField, Max, Min, QuerySet

from indicators import measures
from indicators.measures import Comparison, Direction, TargetStatus
from indicators.models import Area, Indicator, IndicatorValue, PopulationEstimate, value_period
from indicators.series import Series, StoredValue, headline, span_label
from sosafe.links import ROW, row_link
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, Quarter


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator at a quarter: its latest figure in that year up to the quarter's end, the
    comparisons, the target status and the direction of travel.

    Figures are as the reader sees them (a rate per 1,000 for rate indicators). ``direction``
    is the headline: year to date against last year to date, else the same period last year,
    else the previous period.
    """

    pk: int
    name: str
    url: str
    unit: str
    unit_label: str
    polarity: str
    polarity_label: str
    source: str
    frequency: str
    objective_id: int | None
    objective: str
    period: str  # the latest period's label, "" when there is no value in the year yet
    latest: Decimal | None
    previous_period: str
    on_previous: Comparison
    same_period_last_year: str
    on_last_year: Comparison
    year_to_date: str  # what the year to date covers, e.g. "Apr–Dec 2025"
    on_last_year_to_date: Comparison
    target: Decimal | None
    target_status: TargetStatus
    direction: Direction
    arrow: str
    illustrative: bool
    note: str = ""

    def text(self, value: Decimal | None) -> str:
        return measures.formatted(value, self.unit)

    @property
    def latest_text(self) -> str:
        return self.text(self.latest)

    @property
    def target_text(self) -> str:
        return self.text(self.target) if self.target is not None else "No target"

    @property
    def target_status_label(self) -> str:
        return self.target_status.label

    @property
    def rag(self) -> str:
        return measures.TARGET_RAG[self.target_status]

    @property
    def direction_label(self) -> str:
        return self.direction.label


# Querysets ----------------------------------------------------------------------------------


def indicators(partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.filter(partnership=partnership).select_related(
        "partnership", "objective__strategy"
    )


def populations(partnership: Partnership) -> dict[int, int]:
    """Population by the start year of each financial year that has one."""
    return {
        estimate.year.start_year: estimate.population
        for estimate in PopulationEstimate.objects.filter(partnership=partnership)
    }


def area(partnership: Partnership) -> Area | None:
    return Area.objects.filter(partnership=partnership).first()


def values_by_indicator(queryset: QuerySet[IndicatorValue]) -> dict[int, list[StoredValue]]:
    """The values of ``queryset`` by indicator, as plain values rather than model instances."""
    grouped = defaultdict(list)
    rows = queryset.order_by().values_list(
        "indicator_id", "year", "quarter", "month", "value", "target", "illustrative"
    )
    for indicator_id, year, quarter, month, value, target, illustrative in rows:
        period = value_period(year, quarter, month)
        grouped[indicator_id].append(StoredValue(period, month, value, target, illustrative))
    return grouped


def quarter_span(partnership: Partnership) -> tuple[Quarter, Quarter] | None:
    """The quarters of the oldest and newest values of any indicator of the partnership."""
    serial = ExpressionWrapper(F("year") * 10 + F("quarter"), output_field=IntegerField())
    found = IndicatorValue.objects.filter(indicator__partnership=partnership).aggregate(
        first=Min(serial), last=Max(serial)
    )
    if found["first"] is None:
        return None
    return tuple(FinancialYear(n // 10).quarter(n % 10) for n in (found["first"], found["last"]))


# Summaries ----------------------------------------------------------------------------------


def summarise(series: Series, quarter: Quarter, *, url: str = "") -> IndicatorSummary:
    """``url`` is the indicator's page when the caller has it (else it is reversed)."""
    indicator = series.indicator
    period = series.latest_up_to(quarter)
    note = ""
    if period is None:
        empty = measures.compare(indicator.polarity, None, None)
        covered, on_previous, on_last_year, to_date = [], empty, empty, empty
        latest = target = None
        status = TargetStatus.NO_TARGET
        previous_label = last_year_label = ""
        illustrative = False
        note = f"No value for {quarter.year} up to the end of {quarter.label}."
    else:
        point = series.point(period)
        latest, target, status = point.value, point.target, point.status
        on_previous, on_last_year = point.on_previous, point.on_last_year
        covered, to_date = series.to_date(period)
        previous_label = str(period.previous())
        last_year_label = str(period.same_period_last_year())
        used = [period, period.previous(), period.same_period_last_year()] + covered
        used += [p.same_period_last_year() for p in covered]
        illustrative = series.illustrative_in(used)
        if latest is None and point.count is not None:
            note = f"No population recorded for {period.year}: the rate cannot be worked out."
    main = headline(to_date, on_last_year, on_previous)
    return IndicatorSummary(
        pk=indicator.pk,
        name=indicator.name,
        url=url or indicator.get_absolute_url(),
        unit=indicator.unit,
        unit_label=indicator.get_unit_display(),
        polarity=indicator.polarity,
        polarity_label=indicator.get_polarity_display(),
        source=indicator.source,
        frequency=indicator.frequency,
        objective_id=indicator.objective_id,
        objective=str(indicator.objective) if indicator.objective_id else "",
        period=str(period) if period else "",
        latest=latest,
        previous_period=previous_label,
        on_previous=on_previous,
        same_period_last_year=last_year_label,
        on_last_year=on_last_year,
        year_to_date=span_label(covered),
        on_last_year_to_date=to_date,
        target=target,
        target_status=status,
        direction=main.direction,
        arrow=main.arrow,
        illustrative=illustrative,
        note=note,
    )


def indicator_summaries(
    partnership: Partnership, *, year: FinancialYear, quarter: int
) -> list[IndicatorSummary]:
    """Every indicator of the partnership at quarter ``quarter`` of ``year`` (three queries)."""
    at = Quarter(year, quarter)
    indicator_list = list(indicators(partnership))
    grouped = values_by_indicator(
        IndicatorValue.objects.filter(
            indicator__partnership=partnership,
            year__in=[year.start_year, year.previous().start_year],
        )
    )
    people = populations(partnership)
    link = row_link("indicators:indicator-detail", partnership.slug, ROW)
    return [
        summarise(
            Series(indicator, grouped.get(indicator.pk, []), people), at, url=link(indicator.pk)
        )
        for indicator in indicator_list
    ]


def indicator_series(indicator: Indicator) -> Series:
    """All of one indicator's values (two queries)."""
    values = values_by_indicator(indicator.values.all()).get(indicator.pk, [])
    return Series(indicator, values, populations(indicator.partnership))


def indicator_or_none(partnership: Partnership, pk: int) -> Indicator | None:
    return indicators(partnership).filter(pk=pk).first()

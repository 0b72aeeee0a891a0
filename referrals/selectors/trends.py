"""Trends per service and the partnership-wide table."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from referrals.figures import Change, change
from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from referrals.selectors.common import _key, _quarter_key, _returns, services_active_between
from referrals.selectors.grid import _count
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, Quarter

# Trends -------------------------------------------------------------------------------------


@dataclass
class QuarterCell:
    quarter: Quarter
    referral_return: ReferralReturn | None
    last_year: ReferralReturn | None

    @property
    def count(self) -> int | None:
        return _count(self.referral_return)

    @property
    def illustrative(self) -> bool:
        return bool(self.referral_return and self.referral_return.illustrative)

    @property
    def change_on_last_year(self) -> Change:
        return change(_count(self.last_year), self.count)


@dataclass
class YearRow:
    year: FinancialYear
    cells: list[QuarterCell]
    previous_cells: list[QuarterCell]
    reported: list[ReportedFigure] = field(default_factory=list)

    @property
    def quarters_reported(self) -> list[int]:
        return [cell.quarter.number for cell in self.cells if cell.count is not None]

    @property
    def total(self) -> int | None:
        counts = [cell.count for cell in self.cells if cell.count is not None]
        return sum(counts) if counts else None

    @property
    def complete(self) -> bool:
        return len(self.quarters_reported) == 4

    @property
    def illustrative(self) -> bool:
        return any(cell.illustrative for cell in self.cells)

    @property
    def previous_total(self) -> int | None:
        """Last year's total over the same quarters as this year has, so that a year in
        progress is compared like for like; None if last year lacks any of them."""
        reported = self.quarters_reported
        if not reported:
            return None
        counts = [self.previous_cells[n - 1].count for n in reported]
        return None if None in counts else sum(counts)

    @property
    def previous_illustrative(self) -> bool:
        """Whether last year's figure over the same quarters includes illustrative ones."""
        reported = self.quarters_reported
        return any(self.previous_cells[n - 1].illustrative for n in reported)

    @property
    def previous_complete_total(self) -> int | None:
        counts = [cell.count for cell in self.previous_cells]
        return None if None in counts else sum(counts)

    @property
    def change_on_last_year(self) -> Change:
        return change(self.previous_total, self.total)

    @property
    def period_label(self) -> str:
        """What the total covers: the year, or the quarters so far."""
        reported = self.quarters_reported
        if self.complete or not reported:
            return "whole year"
        return quarter_span(reported)


def quarter_span(numbers: list[int]) -> str:
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"Q{numbers[0]}–Q{numbers[-1]}"
    return ", ".join(f"Q{n}" for n in numbers)


def _year_row(service_id, year, returns, reported) -> YearRow:
    def cell(quarter: Quarter) -> QuarterCell:
        return QuarterCell(
            quarter,
            returns.get(_quarter_key(service_id, quarter)),
            returns.get(_quarter_key(service_id, quarter.same_quarter_last_year())),
        )

    return YearRow(
        year=year,
        cells=[cell(q) for q in year.quarters()],
        previous_cells=[cell(q) for q in year.previous().quarters()],
        reported=reported.get((service_id, year.start_year), []),
    )


@dataclass
class SourceRow:
    label: str
    counts: list[int | None]  # one per year of ServiceTrend.source_years


@dataclass
class ServiceTrend:
    service: Service
    years: list[YearRow]  # oldest first
    sources: list[SourceRow]
    source_years: list[FinancialYear]

    @property
    def has_illustrative(self) -> bool:
        return any(row.illustrative for row in self.years)

    @property
    def newest_first(self) -> list[YearRow]:
        return list(reversed(self.years))

    @property
    def has_counts(self) -> bool:
        return any(row.total is not None for row in self.years)

    @property
    def reported(self) -> list[ReportedFigure]:
        return [figure for row in self.newest_first for figure in row.reported]


def _reported_by_service_year(queryset) -> dict[tuple[int, int], list[ReportedFigure]]:
    reported = defaultdict(list)
    for figure in queryset:
        reported[(figure.service_id, figure.year.start_year)].append(figure)
    return reported


def service_trend(service: Service) -> ServiceTrend:
    """Counts by quarter for every year from the first with a count to the last."""
    returns = {_key(r): r for r in _returns(ReferralReturn.objects.filter(service=service))}
    reported = _reported_by_service_year(ReportedFigure.objects.filter(service=service))
    starts = {key[1] for key in returns} | {key[1] for key in reported}
    years = (
        [FinancialYear(start) for start in range(min(starts), max(starts) + 1)] if starts else []
    )
    rows = [_year_row(service.pk, year, returns, reported) for year in years]
    sources, source_years = _source_rows(service)
    return ServiceTrend(service, rows, sources, source_years)


def _source_rows(service: Service) -> tuple[list[SourceRow], list[FinancialYear]]:
    """The breakdown by referring agency, added up by financial year."""
    sums = (
        SourceCount.objects.filter(referral_return__service=service)
        .values("referral_return__year", "kind", "organisation__short_name")
        .annotate(n=Sum("count"))
        .order_by()
    )
    by_label: dict[str, dict[int, int]] = defaultdict(dict)
    years = set()
    labels = dict(SourceCount.Kind.choices)
    for row in sums:
        year = row["referral_return__year"]
        start = year.start_year if isinstance(year, FinancialYear) else int(year)
        label = row["organisation__short_name"] or labels[row["kind"]]
        by_label[label][start] = row["n"]
        years.add(start)
    # Organisations first (alphabetically), then self-referral and other.
    kinds_last = {labels["self_referral"]: 1, labels["other"]: 2}
    ordered = sorted(by_label, key=lambda label: (kinds_last.get(label, 0), label.lower()))
    starts = sorted(years)
    return (
        [SourceRow(label, [by_label[label].get(start) for start in starts]) for label in ordered],
        [FinancialYear(start) for start in starts],
    )


# The partnership-wide table -----------------------------------------------------------------


@dataclass
class TableRow:
    service: Service
    year: YearRow


def partnership_table(partnership: Partnership, year: FinancialYear) -> list[TableRow]:
    """Every service running in ``year``: its quarters, total and last year's comparison."""
    service_list = list(services_active_between(partnership, year.start, year.end))
    returns = {
        _key(r): r
        for r in _returns(
            ReferralReturn.objects.filter(
                service__partnership=partnership,
                year__in=[year.start_year, year.previous().start_year],
            )
        )
    }
    reported = _reported_by_service_year(
        ReportedFigure.objects.filter(service__partnership=partnership, year=year)
    )
    return [
        TableRow(service, _year_row(service.pk, year, returns, reported))
        for service in service_list
    ]


def table_has_illustrative(rows: list[TableRow]) -> bool:
    return any(row.year.illustrative or row.year.previous_illustrative for row in rows)


def table_totals(rows: list[TableRow]) -> tuple[int | None, int | None]:
    """The partnership's total for the year, and last year's over the same quarters when every
    service with a total has that comparison (else None)."""
    years = [row.year for row in rows if row.year.total is not None]
    if not years:
        return None, None
    previous = [year.previous_total for year in years]
    return sum(year.total for year in years), None if None in previous else sum(previous)


def reported_notes(rows: list[TableRow]) -> list[str]:
    """Number each distinct (period, source) of the reported figures in the table, so that the
    table says "note 1" and the long wording appears once under it. Sets ``note_number``."""
    notes: dict[str, int] = {}
    for row in rows:
        for figure in row.year.reported:
            text = f"{figure.period}. Source: {figure.source}."
            figure.note_number = notes.setdefault(text, len(notes) + 1)
    return list(notes)

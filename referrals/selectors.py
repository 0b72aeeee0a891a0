"""Reads of services and referral counts that pages, exports and reports share.

Each returns plain data for a partnership and a period in a fixed number of queries, whatever
the number of services and years.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from actionplan import selectors as actionplan_selectors
from actionplan.models import Objective
from referrals import rules
from referrals.figures import Change, change
from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.models import Membership, Partnership, Role
from sosafe.periods import FinancialYear, PeriodError, Quarter

# Periods ------------------------------------------------------------------------------------


def default_quarter(today: datetime.date | None = None) -> Quarter:
    """The last completed quarter: the one services report on.

    Until the action plan's quarter window exists, the entry grid opens here.
    """
    return Quarter.of_date(today or datetime.date.today()).previous()


def quarter_from(text: str | None, today: datetime.date | None = None) -> tuple[Quarter, str]:
    """The quarter a ``?quarter=`` parameter names, or the default and why it was not used."""
    if not text:
        return default_quarter(today), ""
    try:
        quarter = Quarter.parse(text)
    except PeriodError as exc:
        return default_quarter(today), f"{exc} Showing {default_quarter(today)} instead."
    if not quarter.year.has_neighbours:
        return default_quarter(today), (
            f"{quarter} is outside the years the portal covers. "
            f"Showing {default_quarter(today)} instead."
        )
    return quarter, ""


def quarter_choices(selected: Quarter, today: datetime.date | None = None) -> list[Quarter]:
    """The quarter under way and the twelve before it, newest first, and ``selected``."""
    quarter = Quarter.of_date(today or datetime.date.today())
    choices = []
    for _ in range(13):
        choices.append(quarter)
        quarter = quarter.previous()
    if selected not in choices:
        choices.append(selected)
        choices.sort(reverse=True)
    return choices


def years_with_counts(partnership: Partnership) -> list[FinancialYear]:
    returned = ReferralReturn.objects.filter(service__partnership=partnership).values_list(
        "year", flat=True
    )
    reported = ReportedFigure.objects.filter(service__partnership=partnership).values_list(
        "year", flat=True
    )
    return sorted(set(returned) | set(reported), reverse=True)


def year_from(
    text: str | None, partnership: Partnership, today: datetime.date | None = None
) -> tuple[FinancialYear, list[FinancialYear], str]:
    """The year a ``?year=`` parameter names (default: the latest with counts), the years to
    offer, and why the parameter was not used, if it was not."""
    this_year = default_quarter(today).year
    years = years_with_counts(partnership)
    fallback = years[0] if years else this_year
    choices = sorted(set(years) | {this_year}, reverse=True)
    if not text:
        return fallback, choices, ""
    try:
        year = FinancialYear.parse(text)
    except PeriodError as exc:
        return fallback, choices, f"{exc} Showing {fallback} instead."
    if year not in choices:
        return fallback, choices, f"No referral counts for {year}. Showing {fallback} instead."
    return year, choices, ""


# Services -----------------------------------------------------------------------------------


def services(partnership: Partnership) -> QuerySet[Service]:
    return Service.objects.filter(partnership=partnership).select_related(
        "organisation", "partnership"
    )


def services_active_between(
    partnership: Partnership, start: datetime.date, end: datetime.date
) -> QuerySet[Service]:
    return services(partnership).filter(Service.active_in_filter(start, end))


def responsible_service_ids(membership: Membership) -> set[int]:
    """Services whose returns this officer is named responsible for (one query, officers only)."""
    if membership.role != Role.OFFICER:
        return set()
    return set(
        Service.officers.through.objects.filter(
            user_id=membership.user_id, service__partnership=membership.partnership
        ).values_list("service_id", flat=True)
    )


def service_with_details(partnership: Partnership, pk: int) -> Service:
    return (
        services(partnership)
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.select_related("strategy")),
            "officers",
        )
        .get(pk=pk)
    )


def _returns(queryset: QuerySet[ReferralReturn]) -> QuerySet[ReferralReturn]:
    return queryset.select_related("entered_by").annotate(source_rows=Count("sources"))


def _period_filter(quarters: list[Quarter]) -> Q:
    condition = Q(pk__in=[])
    for quarter in quarters:
        condition |= Q(year=quarter.year, quarter=quarter.number)
    return condition


ReturnKey = tuple[int, int, int]  # service pk, year start, quarter number


def _key(referral_return: ReferralReturn) -> ReturnKey:
    return (referral_return.service_id, referral_return.year.start_year, referral_return.quarter)


def _quarter_key(service_id: int, quarter: Quarter) -> ReturnKey:
    return (service_id, quarter.year.start_year, quarter.number)


# The entry grid -----------------------------------------------------------------------------


@dataclass
class GridRow:
    service: Service
    current: ReferralReturn | None
    previous: ReferralReturn | None  # the quarter before
    last_year: ReferralReturn | None  # the same quarter last year
    editable: bool

    @property
    def change_on_last_year(self) -> Change:
        return change(_count(self.last_year), _count(self.current))

    @property
    def has_breakdown(self) -> bool:
        return bool(self.current and self.current.source_rows)


def _count(referral_return: ReferralReturn | None) -> int | None:
    return referral_return.total if referral_return else None


@dataclass
class Grid:
    quarter: Quarter
    rows: list[GridRow]

    @property
    def editable_rows(self) -> list[GridRow]:
        return [row for row in self.rows if row.editable]

    @property
    def has_illustrative(self) -> bool:
        return any(
            r and r.illustrative
            for row in self.rows
            for r in (row.current, row.previous, row.last_year)
        )


def grid(membership: Membership, quarter: Quarter) -> Grid:
    """Services running in ``quarter``: its count, last quarter's and last year's beside it."""
    partnership = membership.partnership
    service_list = list(services_active_between(partnership, quarter.start, quarter.end))
    responsible = responsible_service_ids(membership)
    periods = [quarter, quarter.previous(), quarter.same_quarter_last_year()]
    returns = {
        _key(r): r
        for r in _returns(
            ReferralReturn.objects.filter(_period_filter(periods), service__partnership=partnership)
        )
    }
    rows = [
        GridRow(
            service=service,
            current=returns.get(_quarter_key(service.pk, quarter)),
            previous=returns.get(_quarter_key(service.pk, periods[1])),
            last_year=returns.get(_quarter_key(service.pk, periods[2])),
            editable=rules.can_enter_for(membership, service, responsible),
        )
        for service in service_list
    ]
    return Grid(quarter, rows)


# A quarter against the one before and the same quarter last year (dashboard, papers) ------


@dataclass(frozen=True)
class ServiceQuarter:
    """One service's count in a quarter beside the quarter before and the same quarter last
    year; None where no count was returned. Each ``*_illustrative`` says whether that count
    is an illustrative figure rather than a real return."""

    service_pk: int
    service: str
    measure: str
    organisation: str
    current: int | None
    previous: int | None
    last_year: int | None
    current_illustrative: bool = False
    previous_illustrative: bool = False
    last_year_illustrative: bool = False

    @property
    def illustrative(self) -> bool:
        return (
            self.current_illustrative or self.previous_illustrative or self.last_year_illustrative
        )

    @property
    def change_on_previous(self) -> Change:
        return change(self.previous, self.current)

    @property
    def change_on_last_year(self) -> Change:
        return change(self.last_year, self.current)


def quarter_comparison(partnership: Partnership, quarter: Quarter) -> list[ServiceQuarter]:
    """Every service running in ``quarter`` with its count, last quarter's and last year's
    (two queries)."""
    periods = [quarter, quarter.previous(), quarter.same_quarter_last_year()]
    returns = {
        _key(r): r
        for r in ReferralReturn.objects.filter(
            _period_filter(periods), service__partnership=partnership
        )
    }
    rows = []
    for service in services_active_between(partnership, quarter.start, quarter.end):
        found = [returns.get(_quarter_key(service.pk, period)) for period in periods]
        current, previous, last_year = (_count(r) for r in found)
        flags = [r is not None and r.illustrative for r in found]
        rows.append(
            ServiceQuarter(
                service_pk=service.pk,
                service=service.name,
                measure=service.measure,
                organisation=service.organisation.short_name,
                current=current,
                previous=previous,
                last_year=last_year,
                current_illustrative=flags[0],
                previous_illustrative=flags[1],
                last_year_illustrative=flags[2],
            )
        )
    return rows


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


# The partnership's home page ----------------------------------------------------------------


@dataclass
class HomeSummary:
    readable: bool  # False for the scrutiny role: the public table only
    year: FinancialYear | None = None
    service_count: int = 0  # services with a count in the year
    total: int | None = None
    previous_total: int | None = None
    illustrative: bool = False  # the year's total includes illustrative figures
    previous_illustrative: bool = False  # so does last year's, over the same quarters
    period_label: str = ""

    @property
    def change(self) -> Change:
        return change(self.previous_total, self.total)


def home_summary(membership: Membership) -> HomeSummary:
    """The referrals of the current action plan's year across the partnership, for its home
    page; without a plan, of the latest year with counts (at most 6 queries)."""
    if not rules.can_read(membership):
        return HomeSummary(readable=False)
    partnership = membership.partnership
    plan = actionplan_selectors.current_plan(actionplan_selectors.plans(partnership))
    if plan is not None:
        year = plan.year
    else:
        years = years_with_counts(partnership)
        if not years:
            return HomeSummary(readable=True)
        year = years[0]
    rows = [row for row in partnership_table(partnership, year) if row.year.total is not None]
    total, previous_total = table_totals(rows)
    quarters = sorted({n for row in rows for n in row.year.quarters_reported})
    return HomeSummary(
        readable=True,
        year=year,
        service_count=len(rows),
        total=total,
        previous_total=previous_total,
        illustrative=any(row.year.illustrative for row in rows),
        previous_illustrative=any(row.year.previous_illustrative for row in rows),
        period_label="whole year" if len(quarters) == 4 or not quarters else quarter_span(quarters),
    )

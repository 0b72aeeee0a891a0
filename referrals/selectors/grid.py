"""The entry grid, and a quarter against the one before and the same quarter last year."""

from dataclasses import dataclass

from referrals import rules
from referrals.figures import Change, change
from referrals.models import ReferralReturn, Service
from referrals.selectors.common import (
    _key,
    _period_filter,
    _quarter_key,
    _returns,
    responsible_service_ids,
    services_active_between,
)
from sosafe.models import Membership, Partnership
from sosafe.periods import Quarter

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
    returns = {  # (total, illustrative) by return key: plain values, not model instances
        (service_id, year.start_year, number): (total, illustrative)
        for service_id, year, number, total, illustrative in ReferralReturn.objects.filter(
            _period_filter(periods), service__partnership=partnership
        ).values_list("service_id", "year", "quarter", "total", "illustrative")
    }
    rows = []
    for service in services_active_between(partnership, quarter.start, quarter.end):
        found = [returns.get(_quarter_key(service.pk, period), (None, False)) for period in periods]
        (current, current_flag), (previous, previous_flag), (last_year, last_year_flag) = found
        rows.append(
            ServiceQuarter(
                service_pk=service.pk,
                service=service.name,
                measure=service.measure,
                organisation=service.organisation.short_name,
                current=current,
                previous=previous,
                last_year=last_year,
                current_illustrative=current_flag,
                previous_illustrative=previous_flag,
                last_year_illustrative=last_year_flag,
            )
        )
    return rows

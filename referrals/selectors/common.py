"""Periods, services and the helpers the other selector modules share."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from actionplan.models import Objective
from referrals.models import ReferralReturn, ReportedFigure, Service
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

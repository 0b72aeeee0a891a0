"""Sections several papers share: referrals, funding awards and indicators, as frozen rows."""

import datetime
from dataclasses import dataclass

from funding import selectors as funding_selectors
from funding.money import format_pounds
from indicators import selectors as indicators_selectors
from indicators.measures import Unit
from referrals import selectors as referrals_selectors
from referrals.figures import change
from reports.papers.base import Table
from reports.papers.period import PaperPeriod
from reports.papers.public import WITHHELD, count_text, is_small, public_change
from sosafe.models import Partnership


@dataclass(frozen=True)
class ReferralRow:
    service: str
    count: str
    last_year: str
    change: str


def referral_rows(
    partnership: Partnership, period: PaperPeriod, *, public: bool
) -> tuple[ReferralRow, ...]:
    """Each service's referrals from the start of the year to the period's last quarter, beside
    the same quarters last year; small counts suppressed in public papers."""
    threshold = partnership.suppression_threshold
    rows = []
    for row in referrals_selectors.partnership_table(partnership, period.year):
        cells = row.year.cells[: period.last_quarter]
        reported = [cell for cell in cells if cell.count is not None]
        if not reported:
            continue
        current = sum(cell.count for cell in reported)
        previous_counts = [row.year.previous_cells[c.quarter.number - 1].count for c in reported]
        previous = None if None in previous_counts else sum(previous_counts)
        rows.append(
            ReferralRow(
                service=row.service.name,
                count=count_text(current, public=public, threshold=threshold),
                last_year=count_text(previous, public=public, threshold=threshold),
                change=public_change(previous, current, threshold)
                if public
                else str(change(previous, current)),
            )
        )
    return tuple(rows)


def referrals_table(rows: tuple[ReferralRow, ...]) -> Table:
    return Table(
        "Referrals",
        ("Service", "Referrals", "Same quarters last year", "Change"),
        tuple((r.service, r.count, r.last_year, r.change) for r in rows),
    )


@dataclass(frozen=True)
class FundingRow:
    received: str
    amount: str
    delivered_by: str
    funder: str
    purpose: str


def received_label(day: datetime.date | None, month_only: bool) -> str:
    if day is None:
        return "Date not recorded"
    return f"{day:%B %Y}" if month_only else f"{day.day} {day:%B %Y}"


def funding_rows(
    partnership: Partnership, start: datetime.date, end: datetime.date
) -> tuple[FundingRow, ...]:
    return tuple(
        FundingRow(
            received=received_label(award.received_on, award.month_only),
            amount=format_pounds(award.amount),
            delivered_by=award.delivered_by,
            funder=award.funder,
            purpose=award.purpose,
        )
        for award in funding_selectors.awards_received(partnership, start, end)
    )


def funding_table(rows: tuple[FundingRow, ...]) -> Table:
    return Table(
        "Funding achieved",
        ("Date funding received", "Amount", "Delivered by", "Funder", "How the funding is used"),
        tuple((r.received, r.amount, r.delivered_by, r.funder, r.purpose) for r in rows),
    )


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    period: str
    latest: str
    year_to_date: str
    change_on_last_year: str  # year to date against last year to date, "" when not comparable
    direction: str


def _percent_text(comparison) -> str:
    percent = comparison.percent if comparison.comparable else None
    if percent is None:
        return ""
    return f"+{percent}%" if percent > 0 else f"{percent}%"


def indicator_rows(
    partnership: Partnership, period: PaperPeriod, *, public: bool
) -> tuple[IndicatorRow, ...]:
    """Each indicator at the period's last quarter. In public papers a count below the
    disclosure threshold is suppressed, and so is its change."""
    threshold = partnership.suppression_threshold
    rows = []
    summaries = indicators_selectors.indicator_summaries(
        partnership, year=period.year, quarter=period.last_quarter
    )
    for summary in summaries:
        small = (
            summary.unit == Unit.COUNT
            and summary.latest is not None
            and is_small(int(summary.latest), public=public, threshold=threshold)
        )
        rows.append(
            IndicatorRow(
                name=summary.name,
                period=summary.period or "No figure yet",
                latest=count_text(int(summary.latest), public=True, threshold=threshold)
                if small
                else summary.latest_text,
                year_to_date=summary.year_to_date,
                change_on_last_year=WITHHELD
                if small
                else _percent_text(summary.on_last_year_to_date),
                direction=summary.direction_label,
            )
        )
    return tuple(rows)


def indicators_table(rows: tuple[IndicatorRow, ...]) -> Table:
    return Table(
        "Indicators",
        (
            "Indicator",
            "Latest period",
            "Latest figure",
            "Year to date",
            "Change on last year",
            "Direction",
        ),
        tuple(
            (r.name, r.period, r.latest, r.year_to_date, r.change_on_last_year, r.direction)
            for r in rows
        ),
    )

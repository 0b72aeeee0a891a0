"""The PCC half-yearly return: progress and spend of the bids the Police and Crime
Commissioner funds and of the actions whose resources name PCC funding, for Q1–Q2 or the year."""

import re
from dataclasses import dataclass

from actionplan import selectors as plan_selectors
from funding import selectors as funding_selectors
from funding.money import format_pounds
from reports.models import PaperKind
from reports.papers import figures
from reports.papers.actions import ActionRow, action_row
from reports.papers.base import Paper, PaperError, Table, finish
from reports.papers.period import PaperPeriod
from sosafe.models import Partnership

PCC_FUNDER = "Police and Crime Commissioner"
# An action is PCC-funded when its resources say so ("£1,500 PCC funding").
_PCC_RESOURCE = re.compile(r"\bPCC\b|Police and Crime Commissioner")


@dataclass(frozen=True)
class BidRow:
    title: str
    received: str
    status: str
    awarded: str
    spent_in_period: str
    spent_to_date: str
    remaining: str
    delivered_by: str


@dataclass(frozen=True)
class PccBody:
    plan_title: str
    half: str  # "Q1–Q2 2017/18" or "2017/18"
    bids: tuple[BidRow, ...]
    awarded_total: str
    spent_total: str
    actions: tuple[ActionRow, ...]


def half_of(period: PaperPeriod) -> str:
    if period.quarter not in (None, 2):
        raise PaperError(
            "The PCC return covers Q1–Q2 (write the period as YYYY/YY-Q2) or the whole year."
        )
    return str(period.year) if period.is_year else f"Q1–Q2 {period.year}"


def gather(partnership: Partnership, period: PaperPeriod, **_options) -> Paper:
    half = half_of(period)
    plan = plan_selectors.paper_plan(partnership, period.year)
    if plan is None:
        raise PaperError(f"{partnership.short_name} has no action plan for {period.year}.")
    funded = funding_selectors.bids_of_funder(partnership, PCC_FUNDER, period.start, period.end)
    bids = tuple(
        BidRow(
            title=bid.award.title,
            received=figures.received_label(bid.award.received_on, bid.award.month_only),
            status=bid.status,
            awarded=format_pounds(bid.award.amount),
            spent_in_period=format_pounds(bid.spent_in_period),
            spent_to_date=format_pounds(bid.spent_to_date),
            remaining=format_pounds(bid.remaining),
            delivered_by=bid.award.delivered_by,
        )
        for bid in funded
    )
    actions = plan_selectors.paper_actions(plan, last_quarter=period.last_quarter, public=False)
    rows = tuple(
        action_row(action, last_quarter=period.last_quarter)
        for action in actions
        if _PCC_RESOURCE.search(action.resources)
    )
    body = PccBody(
        plan_title=plan.title,
        half=half,
        bids=bids,
        awarded_total=format_pounds(sum(bid.award.amount for bid in funded)),
        spent_total=format_pounds(sum(bid.spent_in_period for bid in funded)),
        actions=rows,
    )
    tables = (
        Table(
            "PCC-funded bids",
            (
                "Bid",
                "Received",
                "Status",
                "Awarded",
                "Spent in period",
                "Spent to date",
                "Remaining",
                "Delivered by",
            ),
            tuple(
                (
                    b.title,
                    b.received,
                    b.status,
                    b.awarded,
                    b.spent_in_period,
                    b.spent_to_date,
                    b.remaining,
                    b.delivered_by,
                )
                for b in bids
            ),
        ),
        Table(
            "PCC-funded actions",
            ("Action", "Lead", "Resources", "Status", "Progress"),
            tuple(
                (f"{r.ref} {r.text}", r.leads, r.resources, r.status_label, r.narrative)
                for r in rows
            ),
        ),
    )
    return finish(
        kind=PaperKind.PCC,
        title=f"PCC half-yearly return, {half}",
        partnership=partnership,
        period=period,
        public=False,
        body=body,
        tables=tables,
    )

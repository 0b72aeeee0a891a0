"""The RAG quarterly report: the dashboard as a paper – status by theme, exceptions with their
narrative, outcomes achieved, referrals and funding. For partnership members."""

from collections import Counter
from dataclasses import dataclass

from actionplan import selectors as plan_selectors
from actionplan.models import Status
from funding import selectors as funding_selectors
from funding.money import format_pounds
from reports.models import PaperKind
from reports.papers import figures
from reports.papers.actions import ActionRow, action_row, group
from reports.papers.base import Paper, PaperError, Table, finish
from reports.papers.period import PaperPeriod
from sosafe.models import Partnership

EXCEPTIONS = (Status.AT_RISK, Status.OFF_TRACK)
STATUS_COLUMNS = (*Status.choices, ("", "No update"))


@dataclass(frozen=True)
class ThemeStatus:
    number: int
    title: str
    counts: tuple[int, ...]  # in the order of STATUS_COLUMNS
    total: int


@dataclass(frozen=True)
class RagBody:
    plan_title: str
    quarter_label: str
    status_labels: tuple[str, ...]
    by_theme: tuple[ThemeStatus, ...]
    exceptions: tuple[ActionRow, ...]
    outcomes_total: int
    outcomes_achieved: int
    referrals: tuple[figures.ReferralRow, ...]
    indicators: tuple[figures.IndicatorRow, ...]
    funding_secured: str
    funding_secured_count: int
    funding_pending: str
    funding_pending_count: int


def status_by_theme(rows: list[ActionRow]) -> tuple[ThemeStatus, ...]:
    result = []
    for theme in group(rows):
        counts = Counter(row.status for row in theme.actions)
        result.append(
            ThemeStatus(
                theme.number,
                theme.title,
                tuple(counts[value] for value, _ in STATUS_COLUMNS),
                len(theme.actions),
            )
        )
    return tuple(result)


def gather(partnership: Partnership, period: PaperPeriod, **_options) -> Paper:
    plan = plan_selectors.paper_plan(partnership, period.year)
    if plan is None:
        raise PaperError(f"{partnership.short_name} has no action plan for {period.year}.")
    quarter = period.last_quarter
    actions = plan_selectors.paper_actions(plan, last_quarter=quarter, public=False)
    rows = [action_row(action, last_quarter=quarter) for action in actions]
    funding = funding_selectors.year_summary(partnership, period.year).total
    by_theme = status_by_theme(rows)
    exceptions = tuple(row for row in rows if row.status in EXCEPTIONS)
    referrals = figures.referral_rows(partnership, period, public=False)
    indicators = figures.indicator_rows(partnership, period, public=False)
    quarter_label = str(period.year.quarter(quarter))
    body = RagBody(
        plan_title=plan.title,
        quarter_label=quarter_label,
        status_labels=tuple(label for _, label in STATUS_COLUMNS),
        by_theme=by_theme,
        exceptions=exceptions,
        outcomes_total=sum(len(row.outcomes) for row in rows),
        outcomes_achieved=sum(1 for row in rows for o in row.outcomes if o.achieved),
        referrals=referrals,
        indicators=indicators,
        funding_secured=format_pounds(funding.secured),
        funding_secured_count=funding.secured_count,
        funding_pending=format_pounds(funding.pending),
        funding_pending_count=funding.pending_count,
    )
    tables = (
        Table(
            "Status by theme",
            ("Theme", *body.status_labels, "Actions"),
            tuple((f"{t.number}. {t.title}", *t.counts, t.total) for t in by_theme),
        ),
        Table(
            "Exceptions",
            ("Action", "Lead", "Status", "Narrative"),
            tuple((f"{r.ref} {r.text}", r.leads, r.status_label, r.narrative) for r in exceptions),
        ),
        figures.referrals_table(referrals),
        figures.indicators_table(indicators),
    )
    return finish(
        kind=PaperKind.RAG,
        title=f"RAG quarterly report, {quarter_label}",
        partnership=partnership,
        period=period,
        public=False,
        body=body,
        tables=tables,
    )

"""The RAG quarterly report: the dashboard as a paper. It reuses the dashboard's gather
(``reports.dashboard.gather_dashboard``: status by theme, exceptions with their narrative,
outcomes achieved, referrals, funding) and adds the indicators. For partnership members."""

from dataclasses import dataclass

from actionplan import selectors as plan_selectors
from actionplan.models import Status
from funding.money import format_pounds
from reports.dashboard import Dashboard, gather_dashboard
from reports.models import PaperKind
from reports.papers import figures
from reports.papers.base import Paper, PaperError, Table, finish
from reports.papers.period import PaperPeriod
from sosafe.models import Partnership


@dataclass(frozen=True)
class RagBody:
    board: Dashboard
    indicators: tuple[figures.IndicatorRow, ...]

    @property
    def status_labels(self) -> tuple[str, ...]:
        return tuple(label for _, label in Status.choices)

    @property
    def funding_secured(self) -> str:
        return format_pounds(self.board.funding.secured)

    @property
    def funding_pipeline(self) -> str:
        return format_pounds(self.board.funding.pipeline)


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)


def tables(board: Dashboard, indicators) -> tuple[Table, ...]:
    labels = tuple(label for _, label in Status.choices)
    return (
        Table(
            "Status by theme",
            ("Theme", *labels, "Actions"),
            tuple(
                (row.label, *(count.count for count in row.counts), row.total)
                for row in (*board.themes, board.overall)
            ),
        ),
        Table(
            "Exceptions",
            ("Exception", "Action", "Status", "Narrative"),
            tuple(
                (heading, f"{a.ref} {a.text}", a.status_label, a.narrative)
                for heading, actions, _key in board.exceptions.groups
                for a in actions
            ),
        ),
        Table(
            "Referrals",
            ("Service", "This quarter", "Quarter before", "Same quarter last year"),
            tuple(
                (r.service, _number(r.current), _number(r.previous), _number(r.last_year))
                for r in board.referrals.rows
            ),
        ),
        figures.indicators_table(indicators),
    )


def gather(partnership: Partnership, period: PaperPeriod, **_options) -> Paper:
    plan = plan_selectors.paper_plan(partnership, period.year)
    if plan is None:
        raise PaperError(f"{partnership.short_name} has no action plan for {period.year}.")
    board = gather_dashboard(partnership, plan, period.last_quarter, viewer=None)
    indicators = figures.indicator_rows(partnership, period, public=False)
    return finish(
        kind=PaperKind.RAG,
        title=f"RAG quarterly report, {board.quarter}",
        partnership=partnership,
        period=period,
        public=False,
        body=RagBody(board, indicators),
        tables=tables(board, indicators),
    )

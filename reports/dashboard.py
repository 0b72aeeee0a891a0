"""The RAG dashboard for an action plan and a quarter: gather -> frozen data -> template.

``gather_dashboard`` reads the apps through their selectors only and returns a ``Dashboard``
tree of frozen dataclasses that the page (and the quarterly RAG paper) render. It reads
reported progress only: submitted or accepted updates, never drafts (``public=True``:
accepted only, restricted actions left out and counted). A fixed number of queries whatever
the size of the data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from actionplan import selectors as actionplan_selectors
from actionplan.models import ActionPlan, Status
from actionplan.selectors import ActionProgress
from funding import selectors as funding_selectors
from indicators import selectors as indicators_selectors
from indicators.selectors import IndicatorSummary
from referrals import selectors as referrals_selectors
from referrals.selectors import ServiceQuarter
from reports import rules
from sosafe.models import Membership, Partnership
from sosafe.periods import FinancialYear, Quarter

EXCEPTION_STATUSES = (Status.OFF_TRACK, Status.AT_RISK)


@dataclass(frozen=True)
class StatusCount:
    status: str  # a Status value
    label: str
    count: int


@dataclass(frozen=True)
class StatusRow:
    """How many actions are at each status: the whole plan, or one theme of it."""

    label: str
    counts: tuple[StatusCount, ...]  # every status, in Status order

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


@dataclass(frozen=True)
class Exceptions:
    """What the RAG looks at first: actions off track or at risk (their latest reported status)
    and actions with no reported update this quarter (complete ones are not chased)."""

    off_track: tuple[ActionProgress, ...]
    at_risk: tuple[ActionProgress, ...]
    missing: tuple[ActionProgress, ...]

    @property
    def count(self) -> int:
        return len(self.off_track) + len(self.at_risk) + len(self.missing)

    @property
    def groups(self) -> tuple[tuple[str, tuple[ActionProgress, ...], str], ...]:
        """(heading, actions, key) for each kind of exception, worst first."""
        return (
            ("Off track", self.off_track, "off-track"),
            ("At risk", self.at_risk, "at-risk"),
            ("No reported update this quarter", self.missing, "missing"),
        )


@dataclass(frozen=True)
class Referrals:
    quarter: Quarter
    rows: tuple[ServiceQuarter, ...]

    @property
    def total(self) -> int | None:
        counts = [row.current for row in self.rows if row.current is not None]
        return sum(counts) if counts else None

    @property
    def illustrative(self) -> bool:
        return any(row.illustrative for row in self.rows)


@dataclass(frozen=True)
class Funding:
    year: FinancialYear
    secured: Decimal
    secured_count: int
    pipeline: Decimal  # asked for, awaiting a decision
    pipeline_count: int


@dataclass(frozen=True)
class PeriodChoice:
    """A plan year and quarter the dashboard can switch to."""

    year: FinancialYear
    quarter: int
    has_reported: bool

    @property
    def label(self) -> str:
        return f"Q{self.quarter}"


@dataclass(frozen=True)
class Dashboard:
    partnership_name: str
    partnership_slug: str
    plan_pk: int
    plan_title: str
    quarter: Quarter
    overall: StatusRow
    themes: tuple[StatusRow, ...]
    outcomes_achieved: int
    outcomes_total: int
    exceptions: Exceptions
    referrals: Referrals
    funding: Funding
    indicators: tuple[IndicatorSummary, ...] = ()
    plan_years: tuple[FinancialYear, ...] = ()
    quarters: tuple[PeriodChoice, ...] = ()
    left_out_restricted: int = 0
    public: bool = False

    @property
    def year(self) -> FinancialYear:
        return self.quarter.year

    @property
    def has_reported(self) -> bool:
        return any(choice.has_reported for choice in self.quarters if choice.year == self.year)

    @property
    def action_count(self) -> int:
        return self.overall.total


@dataclass(frozen=True)
class PlanChoice:
    """The partnership's plans (newest first), the one chosen of them (None when there is
    none, or none of the year asked for) and its quarters with reported updates: what choosing
    the dashboard's period reads, and what the dashboard shows too."""

    plans: tuple[ActionPlan, ...]
    plan: ActionPlan | None
    reported_quarters: frozenset[int]

    @property
    def latest_quarter(self) -> int:
        """The plan's latest quarter with reported updates, Q1 if none yet."""
        return max(self.reported_quarters, default=1)


def choose_plan(
    partnership: Partnership,
    year: FinancialYear | None = None,
    today: datetime.date | None = None,
) -> PlanChoice:
    """The plan of ``year``, or without a year the current plan (two queries)."""
    plans = actionplan_selectors.plans(partnership)
    if year is None:
        plan = actionplan_selectors.current_plan(plans, today)
    else:
        plan = next((plan for plan in plans if plan.year == year), None)
    reported = actionplan_selectors.reported_quarters(plan) if plan else set()
    return PlanChoice(tuple(plans), plan, frozenset(reported))


def default_period(
    partnership: Partnership, today: datetime.date | None = None
) -> tuple[ActionPlan | None, int]:
    """The current plan and its latest quarter with reported updates (Q1 if none yet)."""
    choice = choose_plan(partnership, today=today)
    return choice.plan, choice.latest_quarter


def _status_row(label: str, actions: list[ActionProgress]) -> StatusRow:
    counts = {status: 0 for status in Status}
    for action in actions:
        counts[Status(action.status)] += 1
    return StatusRow(label, tuple(StatusCount(s.value, s.label, counts[s]) for s in Status))


def _exceptions(actions: tuple[ActionProgress, ...]) -> Exceptions:
    return Exceptions(
        off_track=tuple(a for a in actions if a.status == Status.OFF_TRACK),
        at_risk=tuple(a for a in actions if a.status == Status.AT_RISK),
        missing=tuple(
            a for a in actions if not a.reported_this_quarter and a.status != Status.COMPLETE
        ),
    )


def gather_dashboard(
    partnership: Partnership,
    plan: ActionPlan,
    quarter: int,
    *,
    viewer: Membership | None,
    public: bool = False,
    choice: PlanChoice | None = None,
) -> Dashboard:
    """Everything the dashboard shows for ``plan`` as of the end of its ``quarter``: its
    actions' reported status, referrals, funding of the plan's year and every indicator.

    ``viewer`` decides which actions are counted (restricted ones only for those
    ``rules.dashboard_shows_restricted`` lets see them; the number left out is given); None
    counts every action. ``public`` reads accepted updates only and leaves restricted actions
    out, counting them. ``choice`` is what ``choose_plan`` read for ``plan``, passed so that
    it is not read again (it reads reported updates as the page does, so not with ``public``).
    """
    if choice is None:
        choice = PlanChoice(
            tuple(actionplan_selectors.plans(partnership)),
            plan,
            frozenset(actionplan_selectors.reported_quarters(plan, public=public)),
        )
    actions = actionplan_selectors.plan_progress(plan, quarter, None, public=public).actions
    left_out = 0
    if public or not rules.dashboard_shows_restricted(viewer):
        left_out = sum(action.restricted for action in actions)
        actions = tuple(action for action in actions if not action.restricted)
    themes: dict[int, list[ActionProgress]] = {}
    titles: dict[int, str] = {}
    for action in actions:
        themes.setdefault(action.theme_number, []).append(action)
        titles[action.theme_number] = action.theme_title
    period = plan.year.quarter(quarter)
    totals = funding_selectors.year_totals(partnership, plan.year)
    return Dashboard(
        partnership_name=partnership.name,
        partnership_slug=partnership.slug,
        plan_pk=plan.pk,
        plan_title=plan.title,
        quarter=period,
        overall=_status_row("All themes", list(actions)),
        themes=tuple(
            _status_row(f"{number}. {titles[number]}", rows)
            for number, rows in sorted(themes.items())
        ),
        outcomes_achieved=sum(action.outcomes_achieved for action in actions),
        outcomes_total=sum(action.outcomes_total for action in actions),
        exceptions=_exceptions(actions),
        referrals=Referrals(
            period, tuple(referrals_selectors.quarter_comparison(partnership, period))
        ),
        funding=Funding(
            year=plan.year,
            secured=totals.secured,
            secured_count=totals.secured_count,
            pipeline=totals.pending,
            pipeline_count=totals.pending_count,
        ),
        indicators=tuple(
            indicators_selectors.indicator_summaries(partnership, year=plan.year, quarter=quarter)
        ),
        plan_years=tuple(p.year for p in choice.plans),
        quarters=tuple(
            PeriodChoice(plan.year, number, number in choice.reported_quarters)
            for number in (1, 2, 3, 4)
        ),
        left_out_restricted=left_out,
        public=public,
    )

"""Reads for the year's cycle: what closing a quarter freezes, what comes next when no quarter
is open, a lead officer's actions between quarters, and what rolls forward into next year."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    ProgressUpdate,
    ReportingQuarter,
    Status,
    Theme,
)
from actionplan.reported import current_plan
from actionplan.rules import led_actions_filter, visible_actions_filter
from actionplan.selectors.chasing import chase_rows
from actionplan.selectors.progress import MISSING
from sosafe.models import Membership, Partnership

REPORTED = (ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED)


# Closing a quarter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CloseSummary:
    """How the quarter's updates stand: what closing it would freeze as it is."""

    total: int
    drafts: int
    returned: int
    missing: int
    submitted: int
    accepted: int

    @property
    def frozen_unfinished(self) -> int:
        return self.drafts + self.returned + self.missing


def close_summary(window: ReportingQuarter) -> CloseSummary:
    counts = Counter(row.state for row in chase_rows(window))
    return CloseSummary(
        total=sum(counts.values()),
        drafts=counts[ProgressUpdate.State.DRAFT],
        returned=counts[ProgressUpdate.State.RETURNED],
        missing=counts[MISSING],
        submitted=counts[ProgressUpdate.State.SUBMITTED],
        accepted=counts[ProgressUpdate.State.ACCEPTED],
    )


# What comes next -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """The next quarter to open, or why none can be opened yet."""

    message: str
    plan: ActionPlan | None = None
    quarter: int | None = None  # set when that quarter of ``plan`` can be opened now


def next_step(partnership: Partnership) -> NextStep:
    """When no quarter is open: the next one the coordinator can open, or what waits first."""
    plans = list(
        ActionPlan.objects.filter(partnership=partnership)
        .prefetch_related("reporting_quarters")
        .order_by("year")
    )
    started = [plan for plan in plans if plan.reporting_quarters.all()]
    if not started:
        approved = [plan for plan in plans if plan.status == ActionPlan.Status.APPROVED]
        if approved:
            plan = approved[0]
            return NextStep(f"Q1 of {plan} opens next.", plan, 1)
        return NextStep(
            "No action plan has been approved by RAG yet: a plan takes quarterly updates once "
            "RAG has approved it."
        )
    current = started[-1]
    opened = {window.quarter for window in current.reporting_quarters.all()}
    if max(opened) < 4 and current.status == ActionPlan.Status.APPROVED:
        quarter = max(opened) + 1
        return NextStep(
            f"{current.year.quarter(quarter)} of {current} opens next.", current, quarter
        )
    following = next((plan for plan in plans if plan.year == current.year.next()), None)
    if following is None:
        return NextStep(
            f"Every quarter of {current} has been reported. Next comes the {current.year.next()} "
            "plan: roll this plan forward to start its draft."
        )
    if following.status == ActionPlan.Status.APPROVED:
        return NextStep(f"Q1 of {following} opens next.", following, 1)
    return NextStep(
        f"Every quarter of {current} has been reported. {following} is "
        f"{following.get_status_display().lower()}: once RAG approves it, the coordinator opens "
        "its first quarter."
    )


# A lead officer's actions between quarters ---------------------------------------------------


@dataclass
class LatestRow:
    action: Action
    update: ProgressUpdate | None  # the latest quarter's update, whatever its state


@dataclass
class LatestPlan:
    plan: ActionPlan
    themes: list[tuple[Theme, list[LatestRow]]] = field(default_factory=list)


def my_latest_actions(membership: Membership) -> list[LatestPlan]:
    """The actions this member leads in the current plan (``reported.current_plan``) of those
    that have taken updates (or, before any, of all plans), each with its latest update.
    At most four queries."""
    plans = ActionPlan.objects.filter(partnership=membership.partnership)
    plan = current_plan(list(plans.filter(reporting_quarters__isnull=False).distinct())) or (
        current_plan(list(plans))
    )
    if plan is None:
        return []
    latest = ProgressUpdate.objects.select_related("author", "reviewed_by").order_by("quarter")
    actions = (
        Action.objects.live()
        .filter(
            visible_actions_filter(membership),
            led_actions_filter(membership),
            aim__theme__plan=plan,
        )
        .select_related("aim__theme")
        .prefetch_related(Prefetch("updates", queryset=latest, to_attr="all_updates"))
        .order_by("aim__theme__number", "aim__number", "letter")
        .distinct()
    )
    result = LatestPlan(plan)
    for action in actions:
        row = LatestRow(action, action.all_updates[-1] if action.all_updates else None)
        if not result.themes or result.themes[-1][0].pk != action.aim.theme_id:
            result.themes.append((action.aim.theme, []))
        result.themes[-1][1].append(row)
    return [result] if result.themes else []


# Rolling a plan forward ----------------------------------------------------------------------


@dataclass
class RollRow:
    action: Action
    status: str  # of its latest reported update; not started when none
    status_label: str
    carried_to: Action | None = None


@dataclass
class RollSplit:
    """A plan's actions: those carried into next year's plan and those that stay behind."""

    plan: ActionPlan
    carried: list[RollRow] = field(default_factory=list)
    left_behind: list[RollRow] = field(default_factory=list)


def plan_actions_for_roll(plan: ActionPlan) -> QuerySet[Action]:
    return (
        Action.objects.live()
        .filter(aim__theme__plan=plan)
        .select_related("aim__theme")
        .prefetch_related(
            "partners",
            "outcomes",
            "carried_to__aim__theme__plan__partnership",
            Prefetch("leads", queryset=ActionLead.objects.select_related("organisation")),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.filter(state__in=REPORTED).order_by("quarter"),
                to_attr="reported_updates",
            ),
        )
        .order_by("aim__theme__number", "aim__number", "letter")
    )


def roll_split(plan: ActionPlan) -> RollSplit:
    """Actions whose latest reported status is complete stay behind; the others are carried."""
    split = RollSplit(plan)
    labels = dict(Status.choices)
    for action in plan_actions_for_roll(plan):
        reported = action.reported_updates
        status = reported[-1].status if reported else Status.NOT_STARTED
        carried_to = next(
            (a for a in action.carried_to.all() if a.aim.theme.plan.rolled_from_id == plan.pk),
            None,
        )
        row = RollRow(action, status, labels[status], carried_to)
        (split.left_behind if status == Status.COMPLETE else split.carried).append(row)
    return split


def open_window_of(plan: ActionPlan) -> ReportingQuarter | None:
    return plan.reporting_quarters.filter(state=ReportingQuarter.State.OPEN).first()

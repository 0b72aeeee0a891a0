"""Reported progress on a plan as of a quarter, as plain data for the dashboard and the papers.

Only reported progress counts here (``rules.shown_updates_filter`` with no viewer: submitted or
accepted updates; ``public=True``: accepted only). An action's status in a quarter is that of
its latest reported update in that quarter or before. Four queries whatever the plan's size.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from actionplan.models import (
    Action,
    ActionPlan,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
    Status,
)
from actionplan.models.plans import action_ref
from actionplan.rules import shown_updates_filter, visible_actions_filter
from sosafe.models import Membership, Partnership
from sosafe.periods import FinancialYear


@dataclass(frozen=True)
class ActionProgress:
    """One action of the plan as reported by the end of a quarter."""

    pk: int
    ref: str
    text: str
    theme_number: int
    theme_title: str
    restricted: bool
    status: str  # a Status value; not started when nothing is reported yet
    status_label: str
    reported_quarter: int | None  # the quarter of the update the status comes from
    narrative: str  # that update's narrative
    reported_this_quarter: bool
    outcomes_total: int
    outcomes_achieved: int


@dataclass(frozen=True)
class PlanProgress:
    plan_pk: int
    quarter: int
    actions: tuple[ActionProgress, ...]
    left_out_restricted: int  # restricted actions the viewer may not see


def plan_actions(plan: ActionPlan, viewer: Membership | None) -> QuerySet[Action]:
    """The plan's actions ``viewer`` may see (None: every action, as a RAG member sees them)."""
    actions = Action.objects.live().filter(aim__theme__plan=plan)
    if viewer is not None:
        actions = actions.filter(visible_actions_filter(viewer))
    return actions


def reported_updates(plan: ActionPlan, *, public: bool = False) -> QuerySet[ProgressUpdate]:
    """The plan's reported updates (accepted only when ``public``)."""
    return ProgressUpdate.objects.filter(
        shown_updates_filter(None, public=public), action__aim__theme__plan=plan
    )


def reported_quarters(plan: ActionPlan, *, public: bool = False) -> set[int]:
    """The quarters of the plan with at least one reported update (one query)."""
    return set(
        reported_updates(plan, public=public)
        .order_by()
        .values_list("quarter", flat=True)
        .distinct()
    )


def latest_reported_quarter(plan: ActionPlan, *, public: bool = False) -> int | None:
    """The latest quarter of the plan with a reported update, or None."""
    return max(reported_quarters(plan, public=public), default=None)


def plan_progress(
    plan: ActionPlan, quarter: int, viewer: Membership | None, *, public: bool = False
) -> PlanProgress:
    """Every action of ``plan`` that ``viewer`` may see, with its reported status, narrative and
    outcomes achieved as of the end of ``quarter``, in plan order.

    Plain values rather than model instances: a plan of 300 actions reported over four
    quarters would build thousands of instances per dashboard."""
    actions = (
        plan_actions(plan, viewer)
        .order_by("aim__theme__number", "aim__number", "letter")
        .values_list(
            "pk",
            "aim__theme__number",
            "aim__number",
            "letter",
            "text",
            "restricted",
            "aim__theme__title",
        )
    )
    reported = reported_updates(plan, public=public).filter(quarter__lte=quarter)
    latest = {  # by quarter, so that each action's latest update comes last
        action_id: (pk, update_quarter, status, narrative)
        for action_id, pk, update_quarter, status, narrative in reported.order_by(
            "quarter"
        ).values_list("action_id", "pk", "quarter", "status", "narrative")
    }
    latest_pks = {pk for pk, *_ in latest.values()}
    outcomes_total = Counter(
        ExpectedOutcome.objects.filter(action__aim__theme__plan=plan)
        .order_by()
        .values_list("action_id", flat=True)
    )
    achieved_rows = (
        OutcomeProgress.objects.filter(update__in=reported, achieved=True)
        .order_by()
        .values_list("update_id", "update__action_id")
    )
    achieved = Counter(
        action_id for update_id, action_id in achieved_rows if update_id in latest_pks
    )
    labels = {status.value: status.label for status in Status}
    rows = []
    for pk, theme_number, aim_number, letter, text, restricted, theme_title in actions:
        _, update_quarter, status, narrative = latest.get(pk, (None, None, Status.NOT_STARTED, ""))
        rows.append(
            ActionProgress(
                pk=pk,
                ref=action_ref(theme_number, aim_number, letter),
                text=text,
                theme_number=theme_number,
                theme_title=theme_title,
                restricted=restricted,
                status=status,
                status_label=labels[status],
                reported_quarter=update_quarter,
                narrative=narrative,
                reported_this_quarter=update_quarter == quarter,
                outcomes_total=outcomes_total[pk],
                outcomes_achieved=achieved[pk],
            )
        )
    left_out = 0
    if viewer is not None and not viewer.can_see_restricted:
        left_out = (
            Action.objects.live()
            .filter(aim__theme__plan=plan, restricted=True)
            .exclude(visible_actions_filter(viewer))
            .count()
        )
    return PlanProgress(plan.pk, quarter, tuple(rows), left_out)


def plans(partnership: Partnership) -> list[ActionPlan]:
    """The partnership's action plans, newest year first (one query)."""
    return list(ActionPlan.objects.filter(partnership=partnership).order_by("-year"))


def current_plan(
    plan_list: list[ActionPlan], today: datetime.date | None = None
) -> ActionPlan | None:
    """Of ``plan_list``, the plan everything reports on: the home page, the dashboard, My actions.

    Drafts are skipped first: a plan RAG has not approved yet (say next year's, being drafted)
    never becomes current while an approved or closed plan exists. Of the rest, the plan of the
    financial year under way; without one, the latest plan before it; without that, the
    earliest plan after it. Only when every plan is a draft does a draft become current."""
    adopted = [plan for plan in plan_list if plan.status != ActionPlan.Status.DRAFT]
    year = FinancialYear.of_date(today or datetime.date.today())
    by_year = sorted(adopted or plan_list, key=lambda plan: plan.year)
    earlier = [plan for plan in by_year if plan.year <= year]
    if earlier:
        return earlier[-1]
    return by_year[0] if by_year else None

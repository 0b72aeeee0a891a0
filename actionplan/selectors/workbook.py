"""Reads for the plan's workbook (``actionplan.plan_workbook``): a plan's actions, or the
actions a person leads in each open quarter, with everything the sheet shows fetched in a fixed
number of queries whatever the size of the plan."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
)
from actionplan.rules import led_actions_filter, visible_actions_filter
from actionplan.selectors.plan_rows import shown_updates, visible_actions
from actionplan.selectors.progress import open_window, open_windows
from sosafe.models import Membership


@dataclass
class WorkbookPlan:
    plan: ActionPlan
    window: ReportingQuarter | None  # the quarter open for updates, if any
    actions: list[Action]


def workbook_actions(
    actions: QuerySet[Action],
    viewer: Membership,
    quarters: set[int],
) -> QuerySet[Action]:
    """``actions`` in the plan's order with leads, partners, outcomes, the updates ``viewer``
    is shown (``quarterly_updates``) and the updates of ``quarters`` whatever their state
    (``window_updates``, each with its outcome progress)."""
    return (
        actions.select_related("aim__theme__plan")
        .prefetch_related(
            Prefetch("leads", queryset=ActionLead.objects.select_related("organisation")),
            "partners",
            "outcomes",
            Prefetch(
                "updates",
                queryset=shown_updates(viewer).order_by("quarter"),
                to_attr="quarterly_updates",
            ),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.filter(quarter__in=quarters)
                .select_related("author")
                .prefetch_related("outcome_progress")
                .order_by("quarter"),
                to_attr="window_updates",
            ),
        )
        .order_by("aim__theme__number", "aim__number", "letter")
    )


def plan_workbook(membership: Membership, plan: ActionPlan) -> WorkbookPlan:
    """Every action of the plan the person may see, with its open quarter's update."""
    window = open_window(plan)
    quarters = {window.quarter} if window else set()
    actions = visible_actions(membership).filter(aim__theme__plan=plan).live()
    return WorkbookPlan(plan, window, list(workbook_actions(actions, membership, quarters)))


def my_workbook(membership: Membership) -> list[WorkbookPlan]:
    """For each open quarter of the partnership's plans, the actions the person leads."""
    windows = open_windows(membership.partnership)
    result = []
    for window in windows:
        actions = Action.objects.filter(
            visible_actions_filter(membership),
            led_actions_filter(membership),
            aim__theme__plan=window.plan,
        ).live()
        found = list(workbook_actions(actions, membership, {window.quarter}))
        result.append(WorkbookPlan(window.plan, window, found))
    return result


@dataclass
class UpdateAsItWas:
    """An update as it stood at one version (its history record) and its figures then."""

    record: object  # the historical ProgressUpdate: state, status, narrative, author_id
    figures: dict[int, object]  # outcome pk -> figure achieved then


def update_at_version(update: ProgressUpdate, version: int) -> UpdateAsItWas | None:
    """The update as it was saved at ``version`` (None when its history does not say): a file
    made then is compared with it. Its figures are those saved before the next version (they
    are saved just after the update itself). Two queries."""
    records = list(
        update.history.filter(version__gte=version).order_by("history_date", "history_id")
    )
    then = next((r for r in reversed(records) if r.version == version), None)
    if then is None:
        return None
    after = next((r for r in records if r.version > version), None)
    figures = OutcomeProgress.history.filter(update_id=update.pk)
    if after is not None:
        figures = figures.filter(history_date__lt=after.history_date)
    found: dict[int, object] = {}
    for row in figures.order_by("history_date", "history_id"):
        found[row.outcome_id] = None if row.history_type == "-" else row.achieved_figure
    return UpdateAsItWas(then, found)

"""Reads of the quarterly progress workflow: the quarter's window, updates, "my actions"."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from actionplan.models import (
    Action,
    ActionPlan,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
    Theme,
)
from actionplan.rules import can_edit_update, my_actions_of
from sosafe.models import Membership, Partnership

UpdateState = ProgressUpdate.State
MISSING = "missing"
# Labels and the order "most in need of chasing first" for an action's update in a quarter.
UPDATE_STATES = {
    MISSING: ("Missing", 0),
    UpdateState.RETURNED: ("Returned for changes", 1),
    UpdateState.DRAFT: ("Draft", 2),
    UpdateState.SUBMITTED: ("Submitted", 3),
    UpdateState.ACCEPTED: ("Accepted", 4),
}
# Every state shows an icon and its words, never colour alone (actionplan_tags.update_state_badge).


def update_state(update: ProgressUpdate | None) -> str:
    return update.state if update is not None else MISSING


def windows(plan: ActionPlan) -> dict[int, ReportingQuarter]:
    """The plan's quarter windows by quarter number (quarters never opened are absent)."""
    return {
        window.quarter: window
        for window in ReportingQuarter.objects.filter(plan=plan).select_related(
            "opened_by", "closed_by", "reopened_by", "reminders_sent_by"
        )
    }


def window_for(plan: ActionPlan, quarter: int) -> ReportingQuarter | None:
    return (
        ReportingQuarter.objects.filter(plan=plan, quarter=quarter)
        .select_related("plan__partnership")
        .order_by()  # one at most; the model's ordering would join and sort by the plan's year
        .first()
    )


def open_window(plan: ActionPlan) -> ReportingQuarter | None:
    return (
        ReportingQuarter.objects.filter(plan=plan, state=ReportingQuarter.State.OPEN)
        .select_related("plan__partnership")
        .first()
    )


def open_windows(partnership: Partnership) -> list[ReportingQuarter]:
    return list(
        ReportingQuarter.objects.filter(
            plan__partnership=partnership, state=ReportingQuarter.State.OPEN
        )
        .select_related("plan__partnership")
        .order_by("-plan__year")
    )


def accepted_update(action: Action, quarter: int) -> ProgressUpdate | None:
    """The accepted update of an action in a quarter of its plan's year: what reports use.
    Its ``outcome_progress`` (with each outcome) is fetched."""
    return (
        ProgressUpdate.objects.filter(action=action, quarter=quarter, state=UpdateState.ACCEPTED)
        .prefetch_related(
            Prefetch("outcome_progress", queryset=OutcomeProgress.objects.select_related("outcome"))
        )
        .first()
    )


def accepted_updates(plan: ActionPlan, quarter: int) -> dict[int, ProgressUpdate]:
    """The accepted updates of a plan's quarter by action pk, in a fixed number of queries."""
    updates = ProgressUpdate.objects.filter(
        action__aim__theme__plan=plan, quarter=quarter, state=UpdateState.ACCEPTED
    ).prefetch_related(
        Prefetch("outcome_progress", queryset=OutcomeProgress.objects.select_related("outcome"))
    )
    return {update.action_id: update for update in updates}


@dataclass
class QuarterProgress:
    """How far the visible actions of a plan are with the open quarter's updates."""

    window: ReportingQuarter | None
    total: int = 0
    done: int = 0  # submitted or accepted
    in_progress: int = 0  # draft or returned

    @property
    def lacking(self) -> int:
        return self.total - self.done

    @property
    def missing(self) -> int:
        return self.total - self.done - self.in_progress


def quarter_progress(plan: ActionPlan, visible: QuerySet[Action]) -> QuarterProgress:
    """The open quarter of the plan, if any, and its update counts over ``visible``."""
    window = open_window(plan)
    if window is None:
        return QuarterProgress(None)
    state = Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"), quarter=window.quarter)
        .order_by()  # one update per quarter: the default order would join the plan's tables
        .values("state")[:1]
    )
    counts = (
        visible.order_by()
        .annotate(update_state=state)
        .aggregate(
            total=Count("pk"),
            done=Count(
                "pk", filter=Q(update_state__in=[UpdateState.SUBMITTED, UpdateState.ACCEPTED])
            ),
            in_progress=Count(
                "pk", filter=Q(update_state__in=[UpdateState.DRAFT, UpdateState.RETURNED])
            ),
        )
    )
    return QuarterProgress(window, **counts)


def updates_of_quarters(quarters: set[int], to_attr: str = "window_updates") -> Prefetch:
    """The actions' updates of these quarters, with the people My actions names: the author and
    the reviewer who returned it."""
    return Prefetch(
        "updates",
        queryset=ProgressUpdate.objects.filter(quarter__in=quarters)
        .select_related("author", "reviewed_by")
        .order_by("quarter"),
        to_attr=to_attr,
    )


# My actions ----------------------------------------------------------------------------------


class UpdateStateOfRow:
    """For rows that carry an action's update in a quarter as ``update`` (None: missing)."""

    update: ProgressUpdate | None

    @property
    def state(self) -> str:
        return update_state(self.update)

    @property
    def state_label(self) -> str:
        return UPDATE_STATES[self.state][0]

    @property
    def is_done(self) -> bool:
        return self.update is not None and self.update.is_done


@dataclass
class MyActionRow(UpdateStateOfRow):
    action: Action
    update: ProgressUpdate | None  # this quarter's
    previous: ProgressUpdate | None  # last quarter's, in the same plan
    can_edit: bool
    # Set by the view: the links to the action's page and to this quarter's update form.
    action_url: str = ""
    edit_url: str = ""


@dataclass
class MyQuarter:
    window: ReportingQuarter
    themes: list[tuple[Theme, list[MyActionRow]]] = field(default_factory=list)

    @property
    def rows(self) -> list[MyActionRow]:
        return [row for _, rows in self.themes for row in rows]

    @property
    def done_count(self) -> int:
        return sum(row.is_done for row in self.rows)

    @property
    def returned(self) -> list[MyActionRow]:
        return [row for row in self.rows if row.state == UpdateState.RETURNED]


def my_actions(membership: Membership) -> list[MyQuarter]:
    """For each open quarter of the partnership's plans, the actions this member leads, grouped
    by theme, with this quarter's and last quarter's updates. A fixed number of queries."""
    windows_open = open_windows(membership.partnership)
    if not windows_open:
        return []
    by_plan = {window.plan_id: window for window in windows_open}
    quarters = {window.quarter for window in windows_open}
    quarters |= {quarter - 1 for quarter in quarters if quarter > 1}
    actions = (
        my_actions_of(Action.objects.live(), membership)
        .filter(aim__theme__plan__in=list(by_plan))
        .select_related("aim__theme__plan")
        .prefetch_related(updates_of_quarters(quarters))
        .order_by("-aim__theme__plan__year", "aim__theme__number", "aim__number", "letter")
    )
    result = {window.plan_id: MyQuarter(window) for window in windows_open}
    for action in actions:
        window = by_plan[action.aim.theme.plan_id]
        updates = {update.quarter: update for update in action.window_updates}
        update = updates.get(window.quarter)
        row = MyActionRow(
            action=action,
            update=update,
            previous=updates.get(window.quarter - 1),
            can_edit=can_edit_update(membership, action, window, update),
        )
        themes = result[window.plan_id].themes
        if not themes or themes[-1][0].pk != action.aim.theme_id:
            themes.append((action.aim.theme, []))
        themes[-1][1].append(row)
    return list(result.values())

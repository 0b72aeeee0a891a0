"""Reads of strategies and action plans: the plan table, its actions and their status.

They return model instances with what the page needs already fetched, in a fixed number of
queries whatever the size of the plan.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    Objective,
    ProgressUpdate,
    Status,
    Strategy,
    Theme,
)
from actionplan.rules import shown_updates_filter, visible_actions_filter
from sosafe.models import Membership, Partnership
from sosafe.periods import Quarter


def strategies(partnership: Partnership) -> QuerySet[Strategy]:
    return Strategy.objects.filter(partnership=partnership).select_related("partnership")


def strategy_detail(partnership: Partnership, pk: int) -> Strategy:
    objectives = Objective.objects.prefetch_related("supporting_organisations", "themes__plan")
    return (
        Strategy.objects.filter(partnership=partnership)
        .prefetch_related(
            "aims",
            Prefetch("objectives", queryset=objectives),
            "action_plans",
        )
        .get(pk=pk)
    )


def shown_updates(viewer: Membership | None) -> QuerySet[ProgressUpdate]:
    """The progress updates ``viewer`` is shown (None: reported progress only)."""
    return ProgressUpdate.objects.filter(shown_updates_filter(viewer))


def with_current_status(actions: QuerySet[Action], viewer: Membership | None) -> QuerySet[Action]:
    """Annotate ``current_status``: the status of the latest quarterly update ``viewer`` is
    shown (see ``rules.shown_updates_filter``: reported progress unless they wrote it or
    coordinate)."""
    latest = shown_updates(viewer).filter(action=OuterRef("pk")).order_by("-quarter")
    return actions.annotate(
        current_status=Coalesce(Subquery(latest.values("status")[:1]), Value(Status.NOT_STARTED))
    )


def visible_actions(membership: Membership) -> QuerySet[Action]:
    return Action.objects.live().filter(
        visible_actions_filter(membership),
        aim__theme__plan__partnership=membership.partnership,
    )


@dataclass
class PlanSummary:
    plan: ActionPlan
    action_count: int = 0
    by_status: Counter = field(default_factory=Counter)
    latest_quarter: int | None = None  # of the updates the counts read; None: none yet

    @property
    def as_at(self) -> Quarter | None:
        """The quarter the status counts are as at the end of."""
        if self.latest_quarter is None:
            return None
        return self.plan.year.quarter(self.latest_quarter)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.by_status.get(s.value, 0)) for s in Status]


def plans_with_progress(membership: Membership) -> list[PlanSummary]:
    """Each plan of the partnership with how many of its visible actions are at each status,
    and the latest quarter of the updates those statuses come from (three queries)."""
    summaries = {
        plan.pk: PlanSummary(plan)
        for plan in ActionPlan.objects.filter(partnership=membership.partnership).select_related(
            "partnership"
        )
    }
    if not membership.can_read_plans:
        return list(summaries.values())
    rows = (
        with_current_status(visible_actions(membership), membership)
        .values("aim__theme__plan", "current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        summary = summaries[row["aim__theme__plan"]]
        summary.by_status[row["current_status"]] += row["n"]
        summary.action_count += row["n"]
    latest = (
        shown_updates(membership)
        .filter(action__in=visible_actions(membership))
        .values("action__aim__theme__plan")
        .annotate(latest=Max("quarter"))
        .order_by()
    )
    for row in latest:
        summaries[row["action__aim__theme__plan"]].latest_quarter = row["latest"]
    return list(summaries.values())


# What a row of the plan table shows besides the action itself, fetched into plain lists
# (``action.lead_list`` …): a template that calls ``action.leads.all`` clones a QuerySet each
# time, and a 300-row plan did that about a thousand times a request.
ROW_DETAILS = (
    Prefetch(
        "leads",
        # By pk alone, each action's leads in the models' order without joining the plan's tables.
        queryset=ActionLead.objects.select_related("organisation").order_by("pk"),
        to_attr="lead_list",
    ),
    Prefetch("partners", to_attr="partner_list"),
    Prefetch("outcomes", to_attr="outcome_list"),
)
PLAN_ORDER = ("aim__theme__number", "aim__number", "letter")


def action_rows(actions: QuerySet[Action], viewer: Membership | None) -> QuerySet[Action]:
    """Everything an action's page shows of each action, prefetched; the updates are those
    ``viewer`` is shown."""
    return (
        with_current_status(actions, viewer)
        .select_related("aim__theme")
        .prefetch_related(
            *ROW_DETAILS,
            Prefetch(
                "updates",
                queryset=shown_updates(viewer).order_by("quarter"),
                to_attr="quarterly_updates",
            ),
        )
        .order_by(*PLAN_ORDER)
    )


@dataclass
class PlanRow:
    """A row of the plan table before its HTML: what its cache key is made of (the action's pk
    and version, and the pk and version of the update the reader is shown, None when there is
    none yet) and the aim it sits under. ``row_html`` is set by ``fragments.plan_rows``."""

    pk: int
    version: int
    aim: Aim
    shown_update_id: int | None = None
    shown_update_version: int | None = None
    row_html: str = ""


def plan_row_heads(
    actions: QuerySet[Action], plan: ActionPlan, viewer: Membership | None
) -> list[PlanRow]:
    """The plan table's rows for ``actions`` (of ``plan``), in plan order, read as plain values
    rather than instances: each action's pk and version, the pk and version of the latest update
    ``viewer`` is shown, and its aim (one shared instance per aim, with its theme). Two queries;
    ``plan_row_actions`` fetches the rest for the rows that need rendering."""
    latest = shown_updates(viewer).filter(action=OuterRef("pk")).order_by("-quarter")
    heads = (
        actions.annotate(
            shown_update_id=Subquery(latest.values("pk")[:1]),
            shown_update_version=Subquery(latest.values("version")[:1]),
        )
        .order_by(*PLAN_ORDER)
        .values_list("pk", "version", "aim_id", "shown_update_id", "shown_update_version")
    )
    aims = plan_aims(plan)
    return [
        PlanRow(pk, version, aims[aim_id], update_id, update_version)
        for pk, version, aim_id, update_id, update_version in heads
    ]


def plan_aims(plan: ActionPlan) -> dict[int, Aim]:
    """The plan's aims by pk, each with its theme and the theme with ``plan`` (one query)."""
    aims = Aim.objects.filter(theme__plan=plan).select_related("theme").in_bulk()
    for aim in aims.values():
        aim.theme.plan = plan
    return aims


def share_aims(actions: list[Action], plan: ActionPlan) -> None:
    """Give each of the plan's ``actions`` its aim, theme and plan as instances shared by every
    action of the aim (one query): ``select_related`` would build three objects per row."""
    aims = plan_aims(plan)
    for action in actions:
        action.aim = aims[action.aim_id]


def plan_row_actions(rows: list[PlanRow], viewer: Membership | None) -> list[Action]:
    """The actions of ``rows`` (from ``plan_row_heads``), in their order, with what their rows
    show: ``current_status``, ``lead_list``, ``partner_list``, ``outcome_list`` and
    ``shown_update``. Five queries, none if ``rows`` is empty (every row came from the cache)."""
    if not rows:
        return []
    actions = with_current_status(Action.objects.all(), viewer).in_bulk([row.pk for row in rows])
    ids = [row.shown_update_id for row in rows if row.shown_update_id]
    updates = shown_updates(viewer).in_bulk(ids) if ids else {}
    ordered = []
    for row in rows:
        action = actions[row.pk]
        action.aim = row.aim
        action.shown_update = updates.get(row.shown_update_id)
        ordered.append(action)
    prefetch_related_objects(ordered, *ROW_DETAILS)
    return ordered


@dataclass
class AimRows:
    aim: object
    actions: list = field(default_factory=list)


@dataclass
class ThemeRows:
    theme: Theme
    aims: list[AimRows] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(aim.actions) for aim in self.aims)


def group_by_theme_and_aim(actions, every_theme: list[Theme] | None = None) -> list[ThemeRows]:
    """Lay actions out as the plan does: theme, then aim, then its actions. With
    ``every_theme`` (in plan order), themes with no actions to show are listed too."""
    themes = {theme.pk: ThemeRows(theme) for theme in every_theme or []}
    for action in actions:
        aim = action.aim
        theme_rows = themes.setdefault(aim.theme_id, ThemeRows(aim.theme))
        if not theme_rows.aims or theme_rows.aims[-1].aim.pk != aim.pk:
            theme_rows.aims.append(AimRows(aim))
        theme_rows.aims[-1].actions.append(action)
    return list(themes.values())

"""Reads for the partnership's papers: a plan's actions with their reported updates."""

from django.db.models import Prefetch

from actionplan.models import Action, ActionLead, ActionPlan, Aim, ProgressUpdate, Theme
from actionplan.rules import shown_updates_filter
from sosafe.models import Partnership


def paper_plan(partnership: Partnership, year) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(partnership=partnership, year=year)
        .select_related("partnership", "strategy")
        .first()
    )


def paper_actions(
    plan: ActionPlan,
    *,
    last_quarter: int,
    public: bool,
    lead_organisation_id: int | None = None,
) -> list[Action]:
    """Every action of the plan in the plan's order, with leads, partners and outcomes, and in
    ``reported_updates`` its reported updates up to ``last_quarter`` (oldest first), each with
    its outcome progress. Public papers get accepted updates only and no restricted actions.
    Six queries whatever the size of the plan."""
    actions = Action.objects.live().filter(aim__theme__plan=plan)
    if public:
        actions = actions.filter(restricted=False)
    if lead_organisation_id is not None:
        actions = actions.filter(leads__organisation_id=lead_organisation_id).distinct()
    updates = (
        ProgressUpdate.objects.filter(shown_updates_filter(None, public=public))
        .filter(quarter__lte=last_quarter)
        .prefetch_related("outcome_progress")
        .order_by("quarter")
    )
    return list(
        actions.select_related("aim__theme")
        .prefetch_related(
            Prefetch("leads", queryset=ActionLead.objects.select_related("organisation")),
            "partners",
            "outcomes",
            Prefetch("updates", queryset=updates, to_attr="reported_updates"),
        )
        .order_by("aim__theme__number", "aim__number", "letter")
    )


def restricted_count(plan: ActionPlan) -> int:
    return Action.objects.live().filter(aim__theme__plan=plan, restricted=True).count()


def plan_themes(plan: ActionPlan) -> list[Theme]:
    return list(
        Theme.objects.live()
        .filter(plan=plan)
        .prefetch_related(Prefetch("aims", queryset=Aim.objects.live()))
        .order_by("number")
    )

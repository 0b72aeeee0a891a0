"""Reads for the coordinator's authoring pages: the plan's outline with what may be deleted,
and the recorded changes to a plan's structure and to a strategy."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    ProgressUpdate,
    StrategicAim,
    Strategy,
    Theme,
)
from sosafe.history import Edit, Tracked, edits, labels_of


@dataclass
class OutlineAction:
    action: Action
    has_progress: bool

    @property
    def name(self) -> str:  # what a button's accessible name adds: "Move up action 1.1 a)"
        return f"action {self.action.ref}"


@dataclass
class OutlineAim:
    aim: Aim
    actions: list[OutlineAction] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"aim {self.aim.ref}"

    @property
    def has_progress(self) -> bool:
        return any(row.has_progress for row in self.actions)


@dataclass
class OutlineTheme:
    theme: Theme
    aims: list[OutlineAim] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"theme {self.theme.number}"

    @property
    def has_progress(self) -> bool:
        return any(aim.has_progress for aim in self.aims)


def plan_outline(plan: ActionPlan) -> list[OutlineTheme]:
    """Every theme, aim and action of the plan (archived ones too, marked) in order, with each
    action's leads and outcomes and whether progress was reported on it. Seven queries."""
    with_progress = set(
        ProgressUpdate.objects.filter(action__aim__theme__plan=plan).values_list(
            "action_id", flat=True
        )
    )
    actions = Action.objects.prefetch_related(
        Prefetch("leads", queryset=ActionLead.objects.select_related("organisation", "officer")),
        Prefetch("outcomes", queryset=ExpectedOutcome.objects.order_by("order", "pk")),
    )
    themes = Theme.objects.filter(plan=plan).prefetch_related(
        "objectives",
        Prefetch(
            "aims",
            queryset=Aim.objects.order_by("number").prefetch_related(
                Prefetch("actions", queryset=actions.order_by("letter"))
            ),
        ),
    )
    return [
        OutlineTheme(
            theme,
            [
                OutlineAim(
                    aim,
                    [OutlineAction(a, a.pk in with_progress) for a in aim.actions.all()],
                )
                for aim in theme.aims.all()
            ],
        )
        for theme in themes.order_by("number")
    ]


PLAN_FIELDS = Tracked(ActionPlan, labels_of(ActionPlan, exclude={"partnership", "rolled_from"}))
THEME_FIELDS = Tracked(Theme, {"number": "Number", "title": "Title", "archived_at": "Archived"})
AIM_FIELDS = Tracked(
    Aim,
    {"number": "Number", "text": "Text", "archived_at": "Archived"},
    named_only=frozenset({"text"}),
)


def _records(model, **filters):
    return (
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def _named(kind: str, label):
    def summary(record, previous) -> str:
        what = {"+": "added", "-": "deleted"}.get(record.history_type, "changed")
        if record.history_type == "~" and record.history_change_reason:
            what = record.history_change_reason.lower()
        return f"{kind} {label(record)} {what}"

    return summary


def plan_changes(plan: ActionPlan) -> list[Edit]:
    """Recorded changes to the plan and to its themes and aims, newest first."""
    theme_ids = list(Theme.history.filter(plan_id=plan.pk).values_list("id", flat=True).distinct())
    result = [
        *edits(_records(ActionPlan, id=plan.pk), PLAN_FIELDS),
        *edits(
            _records(Theme, plan_id=plan.pk),
            THEME_FIELDS,
            summary=_named("Theme", lambda r: f"{r.number}. {r.title}"),
        ),
        *edits(
            _records(Aim, theme_id__in=theme_ids),
            AIM_FIELDS,
            summary=_named("Aim", lambda r: f"“{r.text[:60]}”"),
        ),
    ]
    result.sort(key=lambda edit: edit.when, reverse=True)
    return result


STRATEGY_FIELDS = Tracked(Strategy, labels_of(Strategy, exclude={"partnership"}))
STRATEGIC_AIM_FIELDS = Tracked(StrategicAim, {"number": "Number", "text": "Text"})
OBJECTIVE_FIELDS = Tracked(
    Objective,
    labels_of(Objective, exclude={"strategy", "supporting_organisations"}),
    named_only=frozenset({"description", "what_we_will_do", "how_measured"}),
)


def strategy_changes(strategy: Strategy) -> list[Edit]:
    """Recorded changes to the strategy, its overarching aims and its objectives, newest first."""
    result = [
        *edits(_records(Strategy, id=strategy.pk), STRATEGY_FIELDS),
        *edits(
            _records(StrategicAim, strategy_id=strategy.pk),
            STRATEGIC_AIM_FIELDS,
            summary=_named("Overarching aim", lambda r: str(r.number)),
        ),
        *edits(
            _records(Objective, strategy_id=strategy.pk),
            OBJECTIVE_FIELDS,
            summary=_named("Objective", lambda r: f"{r.number}"),
        ),
    ]
    result.sort(key=lambda edit: edit.when, reverse=True)
    return result

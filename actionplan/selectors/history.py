"""History as the action page and the quarters' record show it, on ``sosafe.history``."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
)
from actionplan.selectors.progress import UpdateState, UpdateStateOfRow, windows
from sosafe.history import Edit, Tracked, attach, edits


@dataclass
class QuarterTimeline(UpdateStateOfRow):
    quarter: object  # sosafe.periods.Quarter
    window: ReportingQuarter | None
    update: ProgressUpdate | None
    edits: list[Edit] = field(default_factory=list)
    can_edit: bool = False  # set by the view from the rules
    can_review: bool = False


def _figure(value, unit: str = "") -> str:
    if value is None:
        return "blank"
    return f"{value.normalize():f} {unit}".strip()


UPDATE_FIELDS = Tracked(
    ProgressUpdate,
    {"status": "Status", "narrative": "Narrative"},
    named_only=frozenset({"narrative"}),
    on_create="values",
)
_STATE_SUMMARIES = {
    UpdateState.SUBMITTED: "Submitted",
    UpdateState.RETURNED: "Returned for changes",
    UpdateState.ACCEPTED: "Accepted",
    UpdateState.DRAFT: "Saved as a draft",
}


def _update_summary(record, previous) -> str:
    if record.history_type == "-":
        return "Deleted"
    if previous is None:
        return _STATE_SUMMARIES.get(record.state, "Written")
    if record.state != previous.state:
        if previous.state == UpdateState.SUBMITTED and record.state == UpdateState.DRAFT:
            return "Withdrawn to a draft"
        return _STATE_SUMMARIES.get(record.state, record.get_state_display())
    if record.state == UpdateState.SUBMITTED:
        return "Changed and submitted again"
    return record.history_change_reason or "Edited"


def _return_reason(record, previous) -> str:
    returned_now = record.state == UpdateState.RETURNED and (
        previous is None
        or previous.state != UpdateState.RETURNED
        or previous.return_reason != record.return_reason
    )
    return record.return_reason if returned_now else ""


def _figure_fields(outcome: ExpectedOutcome | None) -> Tracked:
    name = f"“{outcome.text}”" if outcome else "an expected outcome (since removed)"
    unit = outcome.unit if outcome else ""
    return Tracked(
        OutcomeProgress,
        {"achieved_figure": f"Figure achieved so far for {name}", "achieved": f"{name} achieved"},
        show={
            "achieved_figure": lambda value: _figure(value, unit),
            "achieved": lambda value: "yes" if value else "no",
        },
        on_create="from_empty",
    )


def update_edits(action: Action) -> dict[int, list[Edit]]:
    """Every recorded change to the action's progress updates and their outcome figures, by
    quarter number, oldest first. Three queries whatever the number of edits."""
    outcomes = {outcome.pk: outcome for outcome in action.outcomes.all()}
    records_by_update = defaultdict(list)
    for record in (
        ProgressUpdate.history.filter(action_id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        records_by_update[record.id].append(record)
    figures = defaultdict(list)
    for record in (
        OutcomeProgress.history.filter(update_id__in=list(records_by_update))
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        figures[(record.update_id, record.outcome_id)].append(record)
    by_quarter: dict[int, list[Edit]] = defaultdict(list)
    for update_id, records in records_by_update.items():
        update_edits_ = edits(
            records,
            UPDATE_FIELDS,
            summary=_update_summary,
            reason=_return_reason,
            skip_unchanged=False,
        )
        for (figures_of, outcome_id), figure_records in figures.items():
            if figures_of == update_id:
                figure_edits = edits(figure_records, _figure_fields(outcomes.get(outcome_id)))
                update_edits_ = attach(update_edits_, figure_edits, summary="Figures changed")
        by_quarter[records[0].quarter].extend(update_edits_)
    for quarter_edits in by_quarter.values():
        quarter_edits.sort(key=lambda edit: edit.when)
    return by_quarter


def action_timeline(action: Action, plan: ActionPlan) -> list[QuarterTimeline]:
    """The action's year quarter by quarter: the quarter's window, its update (with outcome
    figures fetched) and the edits within it. ``action.quarterly_updates`` must be fetched."""
    prefetch_related_objects(
        action.quarterly_updates,
        "author",
        Prefetch("outcome_progress", queryset=OutcomeProgress.objects.select_related("outcome")),
    )
    plan_windows = windows(plan)
    by_quarter = update_edits(action)
    updates = {update.quarter: update for update in action.quarterly_updates}
    return [
        QuarterTimeline(
            quarter=quarter,
            window=plan_windows.get(quarter.number),
            update=updates.get(quarter.number),
            edits=by_quarter.get(quarter.number, []),
        )
        for quarter in plan.year.quarters()
    ]


ACTION_FIELDS = Tracked(
    Action,
    {
        "letter": "Letter",
        "text": "Action text",
        "other_partners": "Other partners",
        "resources": "Resources",
        "restricted": "Restricted",
        "aim": "Aim",
    },
    named_only=frozenset({"text", "other_partners", "resources", "aim"}),
)
OUTCOME_FIELDS = Tracked(
    ExpectedOutcome,
    {"text": "Text", "target": "Target", "unit": "Unit", "order": "Order"},
    show={"target": _figure},
    named_only=frozenset({"text"}),
)


def _outcome_summary(record, previous) -> str:
    what = {"-": "removed", "+": "added"}.get(record.history_type, "changed")
    return f"Expected outcome {what}: “{record.text}”"


LEAD_FIELDS = Tracked(ActionLead, {"officer_role": "Lead officer's role", "officer": "Portal user"})


def _lead_summary(record, previous) -> str:
    what = {"-": "removed", "+": "added"}.get(record.history_type, "changed")
    role = f" ({record.officer_role})" if record.officer_role else ""
    return f"Lead {what}: {record.organisation}{role}"


def action_changes(action: Action) -> list[Edit]:
    """Recorded changes to the action itself, its leads and expected outcomes, newest first."""
    action_records = (
        Action.history.filter(id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    outcome_records = (
        ExpectedOutcome.history.filter(action_id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    result = [
        *edits(
            action_records,
            ACTION_FIELDS,
            summary=lambda record, previous: (
                "Action added" if previous is None else "Action changed"
            ),
        ),
        *edits(outcome_records, OUTCOME_FIELDS, summary=_outcome_summary),
        *edits(
            ActionLead.history.filter(action_id=action.pk)
            .select_related("history_user", "organisation")
            .order_by("history_date", "history_id"),
            LEAD_FIELDS,
            summary=_lead_summary,
        ),
    ]
    result.sort(key=lambda edit: edit.when, reverse=True)
    return result


WINDOW_FIELDS = Tracked(ReportingQuarter, {"deadline": "Deadline"}, on_create="values")


def window_record(plan: ActionPlan) -> list[Edit]:
    """The record of each quarter's window: opened, reminders sent, closed, re-opened (with
    the reason), newest first."""
    records = (
        ReportingQuarter.history.filter(plan_id=plan.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    result = edits(
        records,
        WINDOW_FIELDS,
        summary=lambda record, previous: (
            f"{plan.year.quarter(record.quarter)}: {record.history_change_reason or 'Changed'}"
        ),
        reason=lambda record, previous: (
            record.reopen_reason if record.history_change_reason == "Re-opened" else ""
        ),
        skip_unchanged=False,
    )
    result.reverse()
    return result

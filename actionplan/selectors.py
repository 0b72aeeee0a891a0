"""Reads of strategies and action plans that pages and reports share.

They return model instances with what the page needs already fetched, in a fixed number of
queries whatever the size of the plan.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.formats import date_format

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    ExpectedOutcome,
    Objective,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
    Status,
    Strategy,
    Theme,
)
from actionplan.reported import (  # noqa: F401 (reports read reported progress from here)
    ActionProgress,
    PlanProgress,
    current_plan,
    latest_reported_quarter,
    plan_progress,
    plans,
    reported_quarters,
)
from actionplan.rules import (
    WRITES_UPDATES,
    can_edit_update,
    led_actions_filter,
    shown_updates_filter,
    visible_actions_filter,
)
from sosafe.models import Membership, Partnership, Role


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
    return Action.objects.filter(
        visible_actions_filter(membership),
        aim__theme__plan__partnership=membership.partnership,
    )


@dataclass
class PlanSummary:
    plan: ActionPlan
    action_count: int = 0
    by_status: Counter = field(default_factory=Counter)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.by_status.get(s.value, 0)) for s in Status]


def plans_with_progress(membership: Membership) -> list[PlanSummary]:
    """Each plan of the partnership with how many of its visible actions are at each status."""
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
    return list(summaries.values())


def action_rows(actions: QuerySet[Action], viewer: Membership | None) -> QuerySet[Action]:
    """Everything the plan table shows for each action, prefetched; the updates are those
    ``viewer`` is shown."""
    return (
        with_current_status(actions, viewer)
        .select_related("aim__theme")
        .prefetch_related(
            Prefetch("leads", queryset=ActionLead.objects.select_related("organisation")),
            "partners",
            "outcomes",
            Prefetch(
                "updates",
                queryset=shown_updates(viewer).order_by("quarter"),
                to_attr="quarterly_updates",
            ),
        )
        .order_by("aim__theme__number", "aim__number", "letter")
    )


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


def group_by_theme_and_aim(actions) -> list[ThemeRows]:
    """Lay actions out as the plan does: theme, then aim, then its actions."""
    themes: list[ThemeRows] = []
    for action in actions:
        aim = action.aim
        if not themes or themes[-1].theme.pk != aim.theme_id:
            themes.append(ThemeRows(aim.theme))
        theme_rows = themes[-1]
        if not theme_rows.aims or theme_rows.aims[-1].aim.pk != aim.pk:
            theme_rows.aims.append(AimRows(aim))
        theme_rows.aims[-1].actions.append(action)
    return themes


# The quarterly progress workflow -------------------------------------------------------------

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
# Every state shows an icon and its words, never colour alone (see includes/update_state.html).


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
        ProgressUpdate.objects.filter(action=OuterRef("pk"), quarter=window.quarter).values(
            "state"
        )[:1]
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


def _updates_of_quarters(quarters: set[int], to_attr: str = "window_updates") -> Prefetch:
    return Prefetch(
        "updates",
        queryset=ProgressUpdate.objects.filter(quarter__in=quarters)
        .select_related("author", "reviewed_by", "submitted_by")
        .order_by("quarter"),
        to_attr=to_attr,
    )


# My actions ----------------------------------------------------------------------------------


@dataclass
class MyActionRow:
    action: Action
    update: ProgressUpdate | None  # this quarter's
    previous: ProgressUpdate | None  # last quarter's, in the same plan
    can_edit: bool

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
        Action.objects.filter(
            visible_actions_filter(membership),
            led_actions_filter(membership),
            aim__theme__plan__in=list(by_plan),
        )
        .select_related("aim__theme__plan")
        .prefetch_related("leads", _updates_of_quarters(quarters))
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


# Chasing -------------------------------------------------------------------------------------


@dataclass
class ChaseRow:
    action: Action
    update: ProgressUpdate | None
    lead_officers: list = field(default_factory=list)  # users reminders go to
    can_edit: bool = False  # set by the view from the rules
    can_review: bool = False

    @property
    def state(self) -> str:
        return update_state(self.update)

    @property
    def state_label(self) -> str:
        return UPDATE_STATES[self.state][0]

    @property
    def is_done(self) -> bool:
        return self.update is not None and self.update.is_done

    @property
    def lead_names(self) -> str:
        return ", ".join(lead.organisation.short_name for lead in self.action.leads.all())


# Sort keys for the chasing table: a label and the primary key; ties stay in plan order.
CHASE_SORTS = {
    "action": ("Action", lambda row: _ref_key(row.action)),
    "state": ("Update", lambda row: UPDATE_STATES[row.state][1]),
    "lead": ("Lead", lambda row: row.lead_names.lower()),
    "updated": (
        "Last changed",
        lambda row: row.update.updated_at.timestamp() if row.update else 0.0,
    ),
}


def _ref_key(action: Action) -> tuple:
    return (action.aim.theme.number, action.aim.number, action.letter)


def parse_sort(value: str | None) -> tuple[str, bool]:
    """``?sort=state`` or ``?sort=-state`` → (key, descending); unknown keys sort by action."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in CHASE_SORTS:
        return "action", False
    return key, descending


def chase_rows(window: ReportingQuarter, sort: str = "action", descending: bool = False):
    """Every action of the quarter's plan with its update in that quarter and who leads it,
    with the users reminders go to. A fixed number of queries whatever the plan's size."""
    plan = window.plan
    actions = list(
        Action.objects.filter(aim__theme__plan=plan)
        .select_related("aim__theme__plan")
        .prefetch_related(
            Prefetch(
                "leads",
                queryset=ActionLead.objects.select_related("organisation", "officer"),
            ),
            _updates_of_quarters({window.quarter}),
        )
    )
    memberships = Membership.objects.filter(
        partnership_id=plan.partnership_id, role__in=WRITES_UPDATES
    ).select_related("user")
    writers = set()
    officers_by_org: dict[int, list] = {}
    for membership in memberships:
        writers.add(membership.user_id)
        if membership.role == Role.OFFICER and membership.organisation_id:
            officers_by_org.setdefault(membership.organisation_id, []).append(membership.user)
    rows = []
    for action in actions:
        recipients = {}
        for lead in action.leads.all():
            if lead.officer_id and lead.officer_id in writers:
                recipients[lead.officer_id] = lead.officer
            else:
                for user in officers_by_org.get(lead.organisation_id, []):
                    recipients[user.pk] = user
        update = action.window_updates[0] if action.window_updates else None
        rows.append(ChaseRow(action, update, list(recipients.values())))
    rows.sort(key=lambda row: _ref_key(row.action))
    rows.sort(key=CHASE_SORTS[sort][1], reverse=descending)  # stable: ties keep plan order
    return rows


@dataclass
class LeadTally:
    organisation: object
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[UpdateState.SUBMITTED] + self.counts[UpdateState.ACCEPTED]

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``UPDATE_STATES`` (missing first)."""
        return [self.counts[state] for state in UPDATE_STATES]


def tally_by_lead(rows: list[ChaseRow]) -> list[LeadTally]:
    """Per lead organisation: how many of the actions it leads are at each update state.
    An action with two lead organisations counts for both."""
    tallies: dict[int, LeadTally] = {}
    for row in rows:
        for organisation_id, organisation in {
            lead.organisation_id: lead.organisation for lead in row.action.leads.all()
        }.items():
            tallies.setdefault(organisation_id, LeadTally(organisation)).counts[row.state] += 1
    return sorted(tallies.values(), key=lambda tally: tally.organisation.short_name.lower())


@dataclass
class Reminder:
    """One email: a lead officer and the actions whose update they still owe."""

    recipient: object  # a User with an email address
    rows: list = field(default_factory=list)  # selectors.ChaseRow


def plan_reminders(rows: list) -> tuple[list[Reminder], list]:
    """Who is reminded of what: for each outstanding action, each lead's named officer, or
    where a lead names no portal user, the officers of the lead organisation. Returns the
    reminders (one per person) and the outstanding rows nobody with an email address leads.

    ``rows`` come from ``chase_rows`` (leads and officers fetched)."""
    reminders: dict[int, Reminder] = {}
    unreachable = []
    for row in rows:
        if row.is_done:
            continue
        recipients = {user.pk: user for user in row.lead_officers if user.email}
        if not recipients:
            unreachable.append(row)
        for user in recipients.values():
            reminders.setdefault(user.pk, Reminder(user)).rows.append(row)
    ordered = sorted(reminders.values(), key=lambda r: (r.recipient.last_name, r.recipient.pk))
    return ordered, unreachable


# History: the action page's timeline ---------------------------------------------------------


@dataclass
class Edit:
    """One recorded change: when, by whom, what it was and what changed."""

    when: object  # datetime
    who: object  # User or None when not recorded (e.g. loaded from a file)
    summary: str
    changes: list[str] = field(default_factory=list)
    reason: str = ""  # a return reason, shown in full


@dataclass
class QuarterTimeline:
    quarter: object  # sosafe.periods.Quarter
    window: ReportingQuarter | None
    update: ProgressUpdate | None
    edits: list[Edit] = field(default_factory=list)
    can_edit: bool = False  # set by the view from the rules
    can_review: bool = False

    @property
    def state(self) -> str:
        return update_state(self.update)

    @property
    def state_label(self) -> str:
        return UPDATE_STATES[self.state][0]


_STATE_SUMMARIES = {
    UpdateState.SUBMITTED: "Submitted",
    UpdateState.RETURNED: "Returned for changes",
    UpdateState.ACCEPTED: "Accepted",
    UpdateState.DRAFT: "Saved as a draft",
}


def _figure(value, unit: str = "") -> str:
    if value is None:
        return "blank"
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return f"{text} {unit}".strip()


def _update_edit(record, previous) -> Edit:
    state_label = dict(UpdateState.choices)
    status_label = dict(Status.choices)
    changes = []
    if record.history_type == "-":
        return Edit(record.history_date, record.history_user, "Deleted")
    if previous is None:
        summary = _STATE_SUMMARIES.get(record.state, "Written")
        changes.append(f"Status: {status_label.get(record.status, record.status)}")
        if record.narrative:
            changes.append("Narrative written")
    else:
        if record.state != previous.state:
            summary = _STATE_SUMMARIES.get(record.state, state_label.get(record.state, ""))
            if previous.state == UpdateState.SUBMITTED and record.state == UpdateState.DRAFT:
                summary = "Withdrawn to a draft"
        elif record.state == UpdateState.SUBMITTED:
            summary = "Changed and submitted again"
        else:
            summary = record.history_change_reason or "Edited"
        if record.status != previous.status:
            changes.append(
                f"Status: {status_label.get(previous.status, previous.status)} → "
                f"{status_label.get(record.status, record.status)}"
            )
        if record.narrative != previous.narrative:
            changes.append("Narrative changed")
    returned_now = record.state == UpdateState.RETURNED and (
        previous is None
        or previous.state != UpdateState.RETURNED
        or previous.return_reason != record.return_reason
    )
    return Edit(
        record.history_date,
        record.history_user,
        summary,
        changes,
        reason=record.return_reason if returned_now else "",
    )


def _figure_changes(record, previous, outcome: ExpectedOutcome | None) -> list[str]:
    name = f"“{outcome.text}”" if outcome else "an expected outcome (since removed)"
    unit = outcome.unit if outcome else ""
    changes = []
    if record.history_type == "-":
        return [f"Figures for {name} cleared"]
    before_figure = previous.achieved_figure if previous else None
    before_achieved = previous.achieved if previous else False
    if record.achieved_figure != before_figure:
        changes.append(
            f"Figure achieved so far for {name}: {_figure(before_figure, unit)} → "
            f"{_figure(record.achieved_figure, unit)}"
        )
    if record.achieved != before_achieved:
        changes.append(
            f"{name} marked achieved" if record.achieved else f"{name} no longer marked achieved"
        )
    return changes


def update_edits(action: Action) -> dict[int, list[Edit]]:
    """Every recorded change to the action's progress updates and their outcome figures, by
    quarter number, oldest first. Three queries whatever the number of edits."""
    outcomes = {outcome.pk: outcome for outcome in action.outcomes.all()}
    records = list(
        ProgressUpdate.history.filter(action_id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    edits_by_update: dict[int, list[tuple[object, Edit]]] = {}
    quarter_of: dict[int, int] = {}
    previous: dict[int, object] = {}
    for record in records:
        edit = _update_edit(record, previous.get(record.id))
        previous[record.id] = record
        quarter_of[record.id] = record.quarter
        edits_by_update.setdefault(record.id, []).append((record.history_date, edit))
    figure_records = (
        OutcomeProgress.history.filter(update_id__in=list(quarter_of))
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    previous_figures: dict[int, object] = {}
    for record in figure_records:
        changes = _figure_changes(
            record, previous_figures.get(record.id), outcomes.get(record.outcome_id)
        )
        previous_figures[record.id] = record
        if not changes:
            continue
        # Figures are saved with their update, a moment after it: join them to that edit.
        owner = None
        for when, edit in edits_by_update.get(record.update_id, []):
            if when <= record.history_date:
                owner = edit
        if owner is None:
            owner = Edit(record.history_date, record.history_user, "Figures changed")
            edits_by_update.setdefault(record.update_id, []).append((record.history_date, owner))
        owner.changes.extend(changes)
    by_quarter: dict[int, list[Edit]] = {}
    for update_id, edits in edits_by_update.items():
        by_quarter.setdefault(quarter_of[update_id], []).extend(edit for _, edit in edits)
    for edits in by_quarter.values():
        edits.sort(key=lambda edit: edit.when)
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
    edits = update_edits(action)
    updates = {update.quarter: update for update in action.quarterly_updates}
    return [
        QuarterTimeline(
            quarter=quarter,
            window=plan_windows.get(quarter.number),
            update=updates.get(quarter.number),
            edits=edits.get(quarter.number, []),
        )
        for quarter in plan.year.quarters()
    ]


_ACTION_FIELDS = {
    "letter": "Letter",
    "text": "Action text",
    "other_partners": "Other partners",
    "resources": "Resources",
    "restricted": "Restricted",
    "aim_id": "Aim",
}
_OUTCOME_FIELDS = {"text": "Text", "target": "Target", "unit": "Unit", "order": "Order"}


def _field_changes(record, previous, fields: dict[str, str]) -> list[str]:
    changes = []
    for name, label in fields.items():
        before, after = getattr(previous, name), getattr(record, name)
        if before == after:
            continue
        if isinstance(after, bool):
            changes.append(f"{label}: {'yes' if before else 'no'} → {'yes' if after else 'no'}")
        elif name in ("target", "order"):
            changes.append(f"{label}: {_figure(before)} → {_figure(after)}")
        else:
            changes.append(f"{label} changed")
    return changes


def action_changes(action: Action) -> list[Edit]:
    """Recorded changes to the action itself and its expected outcomes, newest first."""
    edits = []
    previous = None
    for record in (
        Action.history.filter(id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        if previous is None:
            edits.append(Edit(record.history_date, record.history_user, "Action added"))
        else:
            changes = _field_changes(record, previous, _ACTION_FIELDS)
            if changes:
                edits.append(
                    Edit(record.history_date, record.history_user, "Action changed", changes)
                )
        previous = record
    previous_outcomes: dict[int, object] = {}
    for record in (
        ExpectedOutcome.history.filter(action_id=action.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        before = previous_outcomes.get(record.id)
        previous_outcomes[record.id] = record
        if record.history_type == "-":
            edits.append(
                Edit(
                    record.history_date,
                    record.history_user,
                    f"Expected outcome removed: “{record.text}”",
                )
            )
        elif before is None:
            edits.append(
                Edit(
                    record.history_date,
                    record.history_user,
                    f"Expected outcome added: “{record.text}”",
                )
            )
        else:
            changes = _field_changes(record, before, _OUTCOME_FIELDS)
            if changes:
                edits.append(
                    Edit(
                        record.history_date,
                        record.history_user,
                        f"Expected outcome changed: “{record.text}”",
                        changes,
                    )
                )
    edits.sort(key=lambda edit: edit.when, reverse=True)
    return edits


def window_record(plan: ActionPlan) -> list[Edit]:
    """The record of each quarter's window: opened, reminders sent, closed, re-opened (with
    the reason), newest first."""
    records = (
        ReportingQuarter.history.filter(plan_id=plan.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    edits = []
    for record in records:
        period = plan.year.quarter(record.quarter)
        what = record.history_change_reason or "Changed"
        changes = []
        if what in ("Opened for updates", "Re-opened"):
            changes.append(f"Deadline {date_format(record.deadline, 'j F Y')}")
        edits.append(
            Edit(
                record.history_date,
                record.history_user,
                f"{period}: {what}",
                changes,
                reason=record.reopen_reason if what == "Re-opened" else "",
            )
        )
    return edits

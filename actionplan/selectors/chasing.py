"""Chasing a quarter's updates: who owes which, by lead organisation, and the reminders."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F

from actionplan.models import Action, ActionLead, ProgressUpdate, ReportingQuarter
from actionplan.rules import WRITES_UPDATES
from actionplan.selectors.plan_rows import share_aims
from actionplan.selectors.progress import UPDATE_STATES, UpdateState, UpdateStateOfRow
from sosafe.models import Organisation, Role


@dataclass
class ChaseLead:
    """What the chasing table and the reminders read of an ``ActionLead``: the plan's hundreds
    of leads read as values rather than model instances."""

    organisation: Organisation
    officer_id: int | None
    officer_role: str

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk


@dataclass
class ChaseRow(UpdateStateOfRow):
    action: Action
    update: ProgressUpdate | None
    lead_officers: list = field(default_factory=list)  # users reminders go to
    # Set by the view from the rules: the links to the update's pages this person may open.
    action_url: str = ""
    edit_url: str = ""
    review_url: str = ""

    @property
    def lead_names(self) -> str:
        return ", ".join(lead.organisation.short_name for lead in self.action.lead_list)


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
    actions = list(Action.objects.live().filter(aim__theme__plan=plan))
    share_aims(actions, plan)
    # The partnership's few organisations, shared by the leads rather than one copy per lead.
    organisations = Organisation.objects.filter(partnership_id=plan.partnership_id).in_bulk()
    # The plan's leads and the quarter's updates, read by the plan rather than prefetched by a
    # list of 300 pks, and in pk order: the models' order would join the plan's tables to sort.
    in_plan = {"action__aim__theme__plan": plan}
    leads: dict[int, list[ChaseLead]] = {}
    for action_id, organisation_id, officer_id, officer_role in (
        ActionLead.objects.filter(**in_plan)
        .order_by("pk")
        .values_list("action_id", "organisation_id", "officer_id", "officer_role")
    ):
        lead = ChaseLead(organisations[organisation_id], officer_id, officer_role)
        leads.setdefault(action_id, []).append(lead)
    for action in actions:
        action.lead_list = leads.get(action.pk, [])
    updates = {
        update.action_id: update
        for update in ProgressUpdate.objects.filter(quarter=window.quarter, **in_plan).order_by()
    }
    # The users who may write updates (a lead's named officer must be one), with their role and
    # organisation in the partnership: one instance a person, not a membership and its user.
    users = (
        get_user_model()
        .objects.filter(
            memberships__partnership_id=plan.partnership_id, memberships__role__in=WRITES_UPDATES
        )
        .annotate(
            membership_role=F("memberships__role"),
            membership_organisation_id=F("memberships__organisation_id"),
        )
        .order_by("last_name", "first_name")  # as memberships are ordered
    )
    writers = {}
    officers_by_org: dict[int, list] = {}
    for user in users:
        writers[user.pk] = user
        if user.membership_role == Role.OFFICER and user.membership_organisation_id:
            officers_by_org.setdefault(user.membership_organisation_id, []).append(user)
    share_authors(list(updates.values()), writers)
    rows = []
    for action in actions:
        recipients = {}
        for lead in action.lead_list:
            if lead.officer_id in writers:
                recipients[lead.officer_id] = writers[lead.officer_id]
            else:
                for user in officers_by_org.get(lead.organisation_id, []):
                    recipients[user.pk] = user
        rows.append(ChaseRow(action, updates.get(action.pk), list(recipients.values())))
    rows.sort(key=lambda row: _ref_key(row.action))
    rows.sort(key=CHASE_SORTS[sort][1], reverse=descending)  # stable: ties keep plan order
    return rows


def share_authors(updates: list[ProgressUpdate], users: dict) -> None:
    """Give each of ``updates`` its author from ``users`` (by pk), fetching only the authors
    not among them (one query, none when all are): one instance per person, not per update."""
    missing = {u.author_id for u in updates if u.author_id and u.author_id not in users}
    if missing:
        users = users | get_user_model().objects.in_bulk(missing)
    for update in updates:
        update.author = users.get(update.author_id)


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
            lead.organisation_id: lead.organisation for lead in row.action.lead_list
        }.items():
            tallies.setdefault(organisation_id, LeadTally(organisation)).counts[row.state] += 1
    return sorted(tallies.values(), key=lambda tally: tally.organisation.short_name.lower())


@dataclass
class Reminder:
    """One email: a lead officer and the actions whose update they still owe."""

    recipient: object  # a User with an email address
    rows: list = field(default_factory=list)  # selectors.ChaseRow

    @property
    def refs(self) -> str:
        return action_refs(self.rows)


def action_refs(rows: list[ChaseRow]) -> str:
    """The references of the rows' actions, as a list in a sentence: "1.1a, 1.2b"."""
    return ", ".join(row.action.ref for row in rows)


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

"""Who may see and who may write what in action plans. Views, services, selectors and templates
ask here; nothing else decides.

Visibility: restricted actions are for those who may see restricted work and for the officers
who lead them. Writing progress: an officer on the actions their organisation leads or where
they are the named lead officer, a coordinator (or administrator) on any action of their
partnership, and only while that quarter is open. RAG members and the scrutiny committee never
write. A closed quarter is frozen for everyone until a coordinator re-opens it.

Each ``*_refusal`` function returns why not, in words for the person, or None when allowed;
the ``can_*`` functions are their yes/no form.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.formats import date_format

from actionplan.models import Action, ActionLead, ActionPlan, ProgressUpdate, ReportingQuarter
from sosafe.models import Membership, Role

WRITES_UPDATES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER})


def _leads_of(membership: Membership):
    return ActionLead.objects.filter(action=OuterRef("pk"), organisation=membership.organisation_id)


def _named_lead(membership: Membership):
    return ActionLead.objects.filter(action=OuterRef("pk"), officer=membership.user_id)


def led_actions_filter(membership: Membership) -> Q:
    """A filter on Action for the actions this member leads: their organisation is a lead, or
    they are the named lead officer."""
    led = Q(Exists(_named_lead(membership)))
    if membership.organisation_id:
        led |= Q(Exists(_leads_of(membership)))
    return led


def with_leading(actions: QuerySet[Action], membership: Membership) -> QuerySet[Action]:
    """``actions``, each knowing whether this member leads it (``leads_action`` then reads
    that for this member): a subquery rather than a query of the leads."""
    return actions.annotate(
        led_by_member=ExpressionWrapper(led_actions_filter(membership), BooleanField())
    )


def leads_action(membership: Membership, action: Action) -> bool:
    """The Python form of ``led_actions_filter``; uses ``action.led_by_member`` where the
    action was read ``with_leading`` for this member, else ``action.lead_list`` where the
    selectors fetched it, else ``action.leads`` (prefetch it)."""
    led = getattr(action, "led_by_member", None)
    if led is not None:
        return led
    leads = getattr(action, "lead_list", None)
    return any(
        (membership.organisation_id and lead.organisation_id == membership.organisation_id)
        or (membership.user_id and lead.officer_id == membership.user_id)
        for lead in (action.leads.all() if leads is None else leads)
    )


def visible_actions_filter(membership: Membership) -> Q:
    """A filter on Action for what this member may see.

    Restricted actions are for those who may see restricted work, and for officers who lead
    them. The scrutiny committee reads published reports only.
    """
    if membership.can_see_restricted:
        return Q()
    if membership.role == Role.OFFICER:
        return Q(restricted=False) | led_actions_filter(membership)
    if membership.can_read_plans:
        return Q(restricted=False)
    return Q(pk__in=[])


def my_actions_filter(membership: Membership) -> Q:
    """A filter on Action for the actions on this member's "My actions": those they lead and
    may see. A member who writes updates may see every action they lead, so for them leading
    is the whole test (one set of subqueries rather than two)."""
    if may_write_updates(membership):
        return led_actions_filter(membership)
    return visible_actions_filter(membership) & led_actions_filter(membership)


def my_actions_of(actions: QuerySet[Action], membership: Membership) -> QuerySet[Action]:
    """``actions`` filtered by ``my_actions_filter``: each is led by this member, and knows it
    as if read ``with_leading``."""
    return actions.filter(my_actions_filter(membership)).annotate(led_by_member=Value(True))


# What counts as reported progress ----------------------------------------------------------------

REPORTED_STATES = frozenset({ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED})


def shown_updates_filter(viewer: Membership | None = None, *, public: bool = False) -> Q:
    """A filter on ProgressUpdate for the progress a reader is shown: the one place that
    decides what counts as reported progress.

    Everyone reads reported progress: submitted or accepted updates. A draft or returned update
    is shown only to its author and to coordinators (and administrators). ``viewer=None`` is
    the reader of the dashboard and the papers: reported progress only, whoever asks.
    ``public=True`` is a public paper: accepted updates only.
    """
    if public:
        return Q(state=ProgressUpdate.State.ACCEPTED)
    if viewer is not None and viewer.can_manage:
        return Q()
    shown = Q(state__in=REPORTED_STATES)
    if viewer is not None and viewer.user_id:
        shown |= Q(author_id=viewer.user_id)
    return shown


def can_read_plans(membership: Membership) -> bool:
    """Strategy, plans, actions and progress: everyone in the partnership but scrutiny."""
    return membership.can_read_plans


DRAFT_STRATEGY_MESSAGE = (
    "This strategy is still a draft: the scrutiny committee reads it once it is adopted."
)


def strategy_refusal(membership: Membership, strategy) -> str | None:
    """Why this member may not read the strategy: a draft is for the working partnership."""
    if membership.can_read_plans or strategy.status != strategy.Status.DRAFT:
        return None
    return DRAFT_STRATEGY_MESSAGE


def can_view_action(membership: Membership, action: Action) -> bool:
    if not membership.can_read_plans:
        return False
    if not action.restricted or membership.can_see_restricted:
        return True
    return membership.role == Role.OFFICER and leads_action(membership, action)


# Writing progress updates ---------------------------------------------------------------------


def may_write_updates(membership: Membership) -> bool:
    """Whether the role ever writes progress (decides the "My actions" page and its link)."""
    return membership.role in WRITES_UPDATES


def window_refusal(window: ReportingQuarter | None, period: str = "This quarter") -> str | None:
    """Why updates of this quarter cannot be written now, whoever asks."""
    if window is None:
        return (
            f"{period} is not open for updates yet. The community safety coordinator opens "
            "each quarter for updates."
        )
    if not window.is_open:
        closed_on = (
            f" on {date_format(timezone.localtime(window.closed_at))}" if window.closed_at else ""
        )
        return (
            f"{window.period} was closed{closed_on} and its updates are frozen. Only a "
            "coordinator can re-open it, giving a reason."
        )
    if window.plan.status != ActionPlan.Status.APPROVED:
        return f"{window.plan} is {window.plan.get_status_display().lower()}: it takes no updates."
    return None


def update_write_refusal(
    membership: Membership, action: Action, window: ReportingQuarter | None, period: str = ""
) -> str | None:
    """Why this member may not write this action's update for the quarter, or None."""
    if not may_write_updates(membership):
        if membership.role == Role.MEMBER:
            return "RAG members read progress; the lead officers write it."
        return "Your role reads the partnership's published reports; it does not write updates."
    plan = action.aim.theme.plan
    if plan.partnership_id != membership.partnership_id:
        return "This action belongs to another partnership."
    if window is not None and window.plan_id != plan.pk:
        return "That quarter belongs to another action plan."
    refusal = window_refusal(window, period or "This quarter")
    if refusal:
        return refusal
    if membership.can_manage or leads_action(membership, action):
        return None
    return (
        "Only officers of the organisations that lead this action, its named lead officer and "
        "the coordinator write its progress."
    )


def can_write_update(
    membership: Membership, action: Action, window: ReportingQuarter | None
) -> bool:
    return update_write_refusal(membership, action, window) is None


def update_edit_refusal(
    membership: Membership,
    action: Action,
    window: ReportingQuarter | None,
    update: ProgressUpdate | None,
    period: str = "",
) -> str | None:
    """As ``update_write_refusal``, and an accepted update is final until it is returned."""
    refusal = update_write_refusal(membership, action, window, period)
    if refusal:
        return refusal
    if update is not None and update.state == ProgressUpdate.State.ACCEPTED:
        return (
            "The coordinator has accepted this update, so it is final. If it needs changing, "
            "ask the coordinator to return it to you."
        )
    return None


def can_edit_update(
    membership: Membership,
    action: Action,
    window: ReportingQuarter | None,
    update: ProgressUpdate | None,
) -> bool:
    return update_edit_refusal(membership, action, window, update) is None


# Review, quarters and chasing: the coordinator's work -----------------------------------------


def can_manage_quarters(membership: Membership) -> bool:
    """Open, close and re-open quarters, chase updates and review them."""
    return membership.can_manage


def review_refusal(
    membership: Membership, update: ProgressUpdate | None, window: ReportingQuarter | None
) -> str | None:
    if not can_manage_quarters(membership):
        return "Only the community safety coordinator reviews updates."
    if update is None:
        return "There is no update for this quarter to review yet."
    refusal = window_refusal(window)
    if refusal:
        return refusal
    if window.plan.partnership_id != membership.partnership_id:
        return "This update belongs to another partnership."
    if update.state == ProgressUpdate.State.DRAFT:
        return "This update is still a draft: its author has not submitted it."
    if update.state == ProgressUpdate.State.RETURNED:
        return "This update was returned to its author and has not been submitted again."
    return None


def can_accept_update(
    membership: Membership, update: ProgressUpdate | None, window: ReportingQuarter | None
) -> bool:
    return (
        review_refusal(membership, update, window) is None
        and update.state == ProgressUpdate.State.SUBMITTED
    )


def can_return_update(
    membership: Membership, update: ProgressUpdate | None, window: ReportingQuarter | None
) -> bool:
    """Submitted updates, and accepted ones that turn out to need changing."""
    return review_refusal(membership, update, window) is None


# Writing the strategy and the plans ----------------------------------------------------------

AUTHOR_MESSAGE = "Only the community safety coordinator writes the strategy and the action plans."


def can_author_plans(membership: Membership) -> bool:
    """Write strategies and action plans: themes, aims, actions, leads and outcomes."""
    return membership.can_manage


def plan_edit_refusal(plan: ActionPlan) -> str | None:
    """Why this plan's themes, aims and actions cannot be changed now, or None."""
    if plan.status == ActionPlan.Status.CLOSED:
        return f"{plan} is closed: it is kept as it was at the end of its year."
    return None


def has_progress(record) -> bool:
    """Whether any progress update was written on this theme, aim or action (archived ones
    included). Such a record is archived, never deleted: its reported history stays."""
    model = type(record).__name__
    path = {"Theme": "action__aim__theme", "Aim": "action__aim", "Action": "action"}[model]
    return ProgressUpdate.objects.filter(**{path: record}).exists()

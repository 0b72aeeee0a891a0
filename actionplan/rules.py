"""Who may see which actions. Views, selectors and templates ask here; nothing else decides."""

from django.db.models import Exists, OuterRef, Q

from actionplan.models import Action, ActionLead
from sosafe.models import Membership, Role


def _leads_of(membership: Membership):
    return ActionLead.objects.filter(action=OuterRef("pk"), organisation=membership.organisation_id)


def visible_actions_filter(membership: Membership) -> Q:
    """A filter on Action for what this member may see.

    Restricted actions are for those who may see restricted work, and for officers of an
    organisation that leads them. The scrutiny committee reads published reports only.
    """
    if membership.can_see_restricted:
        return Q()
    if membership.role == Role.OFFICER and membership.organisation_id:
        return Q(restricted=False) | Q(Exists(_leads_of(membership)))
    if membership.can_read_plans:
        return Q(restricted=False)
    return Q(pk__in=[])


def can_view_action(membership: Membership, action: Action) -> bool:
    if not membership.can_read_plans:
        return False
    if not action.restricted or membership.can_see_restricted:
        return True
    return membership.role == Role.OFFICER and any(
        lead.organisation_id == membership.organisation_id for lead in action.leads.all()
    )

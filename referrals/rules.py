"""Who may read and enter referral counts. Views, selectors and templates ask here.

- admin and coordinator: read everything, enter counts for any service, import, manage services;
- officer: read everything; enter counts for the services their organisation runs or for which
  they are named responsible;
- RAG member: read the tables, trends and grid (read only);
- scrutiny committee: the public table only (year totals with small counts suppressed, no
  quarterly or per-agency detail), because their papers are public.
"""

from sosafe.models import Membership, Role


def can_read(membership: Membership) -> bool:
    """Quarterly figures, trends and breakdowns: partnership members, not the scrutiny role."""
    return membership.can_read_plans


def can_read_public(membership: Membership) -> bool:
    """The public table: everyone in the partnership."""
    return True


def can_manage_services(membership: Membership) -> bool:
    return membership.can_manage


def can_import(membership: Membership) -> bool:
    return membership.can_manage


def may_enter_any(membership: Membership) -> bool:
    """Whether the grid can have any editable cell for this member."""
    return membership.can_manage or membership.role == Role.OFFICER


def can_enter_for(membership: Membership, service, responsible_ids: set[int] | None = None) -> bool:
    """May this member enter counts for ``service``?

    ``responsible_ids`` (from ``selectors.responsible_service_ids``) saves a query per service.
    """
    if service.partnership_id != membership.partnership_id:
        return False
    if membership.can_manage:
        return True
    if membership.role != Role.OFFICER:
        return False
    if membership.organisation_id and service.organisation_id == membership.organisation_id:
        return True
    if responsible_ids is None:
        return service.officers.filter(pk=membership.user_id).exists()
    return service.pk in responsible_ids

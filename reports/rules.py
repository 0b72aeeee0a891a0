"""Who may read the cross-app pages of the top layer."""

from sosafe.models import Membership


def dashboard_refusal(membership: Membership) -> str | None:
    """RAG members, coordinators, administrators and officers read the dashboard; the scrutiny
    committee reads the published reports instead."""
    if membership.can_read_plans:
        return None
    return (
        "The dashboard is for partnership members; the scrutiny committee reads the "
        "partnership's published reports."
    )

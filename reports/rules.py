"""Who may read the cross-app pages of the top layer, and do what with the papers.

The dashboard is for partnership members. Live papers are built from the working data,
restricted actions included (the scrutiny paper leaves them out, but its draft is not yet
public): partnership members who may see restricted work read them. Coordinators (and
administrators) write the scrutiny narrative and publish. The scrutiny committee, and officers,
read published public papers only.
"""

from reports.models import PublishedPaper
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


def can_read_live(membership: Membership) -> bool:
    return membership.can_see_restricted


def can_publish(membership: Membership) -> bool:
    return membership.can_manage


def can_read_published(membership: Membership, paper: PublishedPaper) -> bool:
    return paper.public or membership.can_see_restricted


def published_filter(membership: Membership) -> dict:
    return {} if membership.can_see_restricted else {"public": True}


def can_read_dashboard(membership: Membership) -> bool:
    return dashboard_refusal(membership) is None


def dashboard_shows_restricted(viewer: Membership | None) -> bool:
    """Restricted actions (closed JAG business) count on the dashboard for RAG members,
    coordinators and administrators only: not for officers, not even those who lead them (the
    plan page shows a lead officer their own). None is a reader of the RAG's papers."""
    return viewer is None or viewer.can_see_restricted

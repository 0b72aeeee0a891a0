"""Reads for the papers' pages."""

from django.db.models import QuerySet

from actionplan.models import ActionPlan
from reports.models import PublishedPaper
from reports.rules import published_filter
from sosafe.models import Membership


def published_papers(membership: Membership) -> QuerySet[PublishedPaper]:
    """The published papers this member may read, newest first (1 query)."""
    return PublishedPaper.objects.filter(
        partnership=membership.partnership, **published_filter(membership)
    ).select_related("published_by", "organisation")


def published_paper(membership: Membership, pk: int) -> PublishedPaper | None:
    """A published paper of the member's partnership, whether or not they may read it."""
    return PublishedPaper.objects.filter(partnership=membership.partnership, pk=pk).first()


def plans(membership: Membership) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(partnership=membership.partnership).order_by("-year")

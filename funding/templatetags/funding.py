import datetime

from django import template

from funding.models import BidStatus, DatePrecision
from funding.money import format_pounds

register = template.Library()

# Shown with the portal's status styles, always with an icon and the words.
STATUS_LOOK = {
    BidStatus.DRAFT: ("not_started", "circle"),
    BidStatus.SUBMITTED: ("at_risk", "arrow"),
    BidStatus.SUCCESSFUL: ("on_track", "tick"),
    BidStatus.UNSUCCESSFUL: ("off_track", "cross"),
    BidStatus.WITHDRAWN: ("not_started", "circle"),
}


@register.filter
def money(value, blank: str = "—") -> str:
    """£1,234.50; a dash (or ``blank``) for no amount."""
    return format_pounds(value, blank=blank)


@register.filter
def bid_date(value: datetime.date | None, bid=None) -> str:
    """A bid's date, to the month only when that is all the record gives."""
    if not value:
        return ""
    if bid is not None and bid.date_precision == DatePrecision.MONTH:
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


@register.inclusion_tag("includes/status_badge.html")
def bid_status(status: str) -> dict:
    look, icon = STATUS_LOOK.get(status, ("not_started", "circle"))
    return {"status": look, "icon": icon, "label": BidStatus(status).label}


@register.inclusion_tag("funding/includes/nav.html", takes_context=True)
def funding_nav(context, section: str) -> dict:
    """The funding section's own tabs, for what this person may open."""
    from django.urls import reverse

    from funding import rules

    membership = context["membership"]
    slug = membership.partnership.slug
    links = []
    if rules.can_read_bids(membership):
        links.append((reverse("funding:bid-list", args=[slug]), "Bids", "bids"))
    links.append((reverse("funding:summary", args=[slug]), "Summary by year", "summary"))
    if rules.can_read_bids(membership):
        links.append((reverse("funding:funder-list", args=[slug]), "Funders", "funders"))
    if rules.can_manage_funding(membership):
        links.append((reverse("funding:bid-import", args=[slug]), "Import", "import"))
    return {"links": links, "section": section}

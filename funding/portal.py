"""What funding contributes to the portal: demo data, navigation and a home panel."""

from funding import demo, rules, selectors
from sosafe import registry
from sosafe.models import Membership


def home_panel(membership: Membership) -> dict | None:
    """This year's funding at a glance, for those who may read the summary."""
    if not rules.can_read_summary(membership):
        return None
    return {
        "can_read_bids": rules.can_read_bids(membership),
        **selectors.home_panel(membership.partnership),
    }


def register() -> None:
    registry.register_demo("funding", demo.load, order=30)
    registry.register_nav(
        "funding:bids", "Funding bids", "funding:bid-list", allowed=rules.can_read_bids, order=30
    )
    registry.register_nav(
        "funding:summary",
        "Funding summary",
        "funding:summary",
        allowed=rules.can_read_summary,
        order=31,
    )
    registry.register_home_panel(
        "funding", "funding/includes/home_panel.html", home_panel, order=30
    )

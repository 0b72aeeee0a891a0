"""What referrals contribute to the portal: demo data, navigation and a home panel."""

from referrals import demo, rules, selectors
from sosafe import registry


def register() -> None:
    registry.register_demo("referrals", demo.load, order=20)
    registry.register_nav(
        "referrals:services",
        "Referrals",
        "referrals:service-list",
        allowed=rules.can_read,
        order=40,
    )
    registry.register_nav(
        "referrals:grid", "Enter counts", "referrals:return-grid", allowed=rules.can_read, order=41
    )
    registry.register_nav(
        "referrals:public",
        "Referrals (public)",
        "referrals:service-public",
        allowed=lambda membership: not rules.can_read(membership),
        order=42,
    )
    registry.register_home_panel(
        "referrals", "referrals/includes/home_panel.html", selectors.home_summary, order=20
    )

"""What the reports app contributes to the portal: the dashboard's and the papers' navigation
links, and the demo's published scrutiny report (after every other app's demo data, which it
reads)."""

from reports import demo, rules
from sosafe import registry


def register() -> None:
    registry.register_demo("reports", demo.load, order=90)
    registry.register_nav(
        "reports:dashboard",
        "Dashboard",
        "reports:dashboard",
        allowed=rules.can_read_dashboard,
        order=5,
    )
    registry.register_nav(
        "reports:papers", "Papers", "reports:paper-list", allowed=lambda membership: True, order=60
    )

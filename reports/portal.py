"""What the reports app contributes to the portal: the dashboard's navigation link."""

from reports import rules
from sosafe import registry


def register() -> None:
    registry.register_nav(
        "reports:dashboard",
        "Dashboard",
        "reports:dashboard",
        allowed=rules.can_read_dashboard,
        order=5,
    )

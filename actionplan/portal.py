"""What the action plans contribute to the portal: demo data, navigation and a home panel."""

from actionplan import demo, rules, selectors
from sosafe import registry
from sosafe.models import Membership


def home_panel(membership: Membership) -> dict:
    """Quarterly-update links, the strategies and each plan's progress."""
    return {
        "write_updates": rules.may_write_updates(membership),
        "manage_quarters": rules.can_manage_quarters(membership),
        "strategies": [
            strategy
            for strategy in selectors.strategies(membership.partnership)
            if rules.strategy_refusal(membership, strategy) is None
        ],
        "plans": selectors.plans_with_progress(membership),
    }


def register() -> None:
    registry.register_demo("actionplan", demo.load, order=10)
    registry.register_nav(
        "actionplan:mine",
        "My actions",
        "actionplan:action-mine",
        allowed=rules.may_write_updates,
        order=10,
    )
    registry.register_nav(
        "actionplan:chasing",
        "Chasing",
        "actionplan:quarter-chasing",
        allowed=rules.can_manage_quarters,
        order=20,
    )
    registry.register_home_panel(
        "actionplan", "actionplan/includes/home_panel.html", home_panel, order=10
    )

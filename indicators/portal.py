"""What the indicators contribute to the portal: demo data and navigation."""

from indicators import demo, rules
from sosafe import registry


def register() -> None:
    registry.register_demo("indicators", demo.load, order=40)
    registry.register_nav(
        "indicators:list",
        "Indicators",
        "indicators:indicator-list",
        allowed=rules.can_read,
        order=43,
    )

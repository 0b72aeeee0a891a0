"""Draw one app's panel of the partnership home page as the home view does."""

from django.template.loader import render_to_string

from sosafe import registry


def render_panel(key: str, membership) -> str:
    """The HTML of the panel ``key`` for this member; "" when the member is not shown it."""
    for panel in registry.home_panels(membership):
        if panel.key == key:
            return render_to_string(panel.template, {"panel": panel.data, "membership": membership})
    return ""


def panel_data(response, key: str):
    """The data the home view gave the panel ``key`` (from a test client's response)."""
    return next(panel.data for panel in response.context["panels"] if panel.key == key)

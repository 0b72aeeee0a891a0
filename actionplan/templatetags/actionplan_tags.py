"""Template helpers for statuses and the progress workflow. Who may do what comes from flags
the views compute; no tag here reads the database."""

from django import template

from actionplan.models import Status
from actionplan.selectors import MISSING, UPDATE_STATES, UpdateState

register = template.Library()

# Each state has an icon and its words as well as a colour (never colour alone).
_STATE_LOOK = {
    MISSING: ("text-bg-danger", "cross"),
    UpdateState.RETURNED: ("text-bg-warning", "warning"),
    UpdateState.DRAFT: ("text-bg-light border border-secondary", "circle"),
    UpdateState.SUBMITTED: ("text-bg-info", "arrow"),
    UpdateState.ACCEPTED: ("text-bg-success", "tick"),
}


@register.inclusion_tag("actionplan/includes/update_state.html")
def update_state_badge(state: str | None) -> dict:
    state = state or MISSING
    css, icon = _STATE_LOOK.get(state, _STATE_LOOK[MISSING])
    return {"label": UPDATE_STATES.get(state, UPDATE_STATES[MISSING])[0], "css": css, "icon": icon}


# Status is never shown by colour alone: every badge carries an icon and its text label.
STATUS_ICONS = {
    Status.NOT_STARTED: "circle",
    Status.ON_TRACK: "arrow",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "cross",
    Status.COMPLETE: "tick",
}


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status: str, label: str = "") -> dict:
    status = status or Status.NOT_STARTED
    return {
        "status": status,
        "label": label or Status(status).label,
        "icon": STATUS_ICONS.get(status, "circle"),
    }


@register.filter
def figure(value) -> str:
    """A Decimal figure without trailing zeros: 12.50 → 12.5, 10.00 → 10."""
    if value is None:
        return ""
    return f"{value.normalize():f}"

"""Template helpers for the progress workflow. Templates ask the rules through these (or
through flags the views compute); they never re-derive who may do what."""

from django import template

from actionplan import rules
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


@register.filter
def can_write_updates(membership) -> bool:
    """For navigation: does this member's role write progress updates ("My actions")?"""
    return bool(membership) and rules.may_write_updates(membership)


@register.filter
def can_manage_quarters(membership) -> bool:
    """For navigation: does this member open quarters and chase updates ("Chasing")?"""
    return bool(membership) and rules.can_manage_quarters(membership)


@register.filter
def figure(value) -> str:
    """A Decimal figure without trailing zeros: 12.50 → 12.5, 10.00 → 10."""
    if value is None:
        return ""
    return f"{value.normalize():f}"

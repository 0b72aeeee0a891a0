from django import template

from sosafe.history import person_name

register = template.Library()

# Status is never shown by colour alone: every badge carries an icon and its text label.
STATUS_ICONS = {
    "not_started": "circle",
    "on_track": "arrow",
    "at_risk": "warning",
    "off_track": "cross",
    "complete": "tick",
}


@register.inclusion_tag("includes/status_badge.html")
def status_badge(status: str, label: str = "") -> dict:
    from actionplan.models import Status

    status = status or Status.NOT_STARTED
    return {
        "status": status,
        "label": label or Status(status).label,
        "icon": STATUS_ICONS.get(status, "circle"),
    }


@register.filter
def lines(text: str) -> list[str]:
    """Split newline-separated text into its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def person(user) -> str:
    """A person as the portal names them (``sosafe.history.person_name``)."""
    return person_name(user)


@register.filter
def by_person(user) -> str:
    """ " by <name>", or nothing when who it was is not recorded."""
    return f" by {person_name(user)}" if user is not None else ""

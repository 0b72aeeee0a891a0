"""Figures, directions of travel and target statuses as the indicator pages, the dashboard and
its papers show them. Tags rather than included templates (the dashboard drew two includes per
indicator), written with html.escape (what Django's escape does) rather than format_html,
which costs ten times more. The newlines are those the included templates ended with: the one
after the icon is the space between it and the words."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from indicators.measures import Direction, TargetStatus, formatted
from sosafe.icons import badge_html, icon_html

register = template.Library()

# Each target status's badge: its class, its words and its icon (never colour alone).
_TARGET_BADGES = {
    TargetStatus.MET: ("target-met", "Target met", "tick"),
    TargetStatus.NEAR: ("target-near", "Near target", "warning"),
    TargetStatus.MISSED: ("target-missed", "Target missed", "cross"),
}
_NO_TARGET_BADGE = ("target-none", "No target", "dash")


@register.filter
def figure(value, unit: str) -> str:
    """A figure as the reader sees it: "1,277", "9.5 per 1,000", "37.5%", "–" for none."""
    return formatted(value, unit)


@register.simple_tag
def travel(direction: Direction, arrow: str, change: str = "") -> str:
    """``{% travel comparison.direction comparison.arrow comparison.change_text %}``: the
    direction of travel (the arrow is the figure's movement, the words whether that is good),
    with the change when given."""
    changed = f' <span class="small">{escape(change)}</span>' if change else ""
    return mark_safe(  # noqa: S308 (escaped)
        f'<span class="travel travel-{escape(str(direction))}">{icon_html(arrow)}\n'
        f"<span>{escape(direction.label)}</span></span>{changed}\n"
    )


@register.simple_tag
def target_status(status: str) -> str:
    """``{% target_status summary.target_status %}``: met, near, missed or no target."""
    return mark_safe(badge_html(*_TARGET_BADGES.get(status, _NO_TARGET_BADGE)) + "\n\n")  # noqa: S308

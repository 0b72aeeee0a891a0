"""The dashboard's exception rows and referral changes. Tags rather than template markup: the
exceptions run to hundreds of actions at the end of a busy quarter, and rendered as markup
they cost a third of the page's rendering. Plain formatting with html.escape (what Django's
escape does)."""

from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr, truncatewords
from django.utils.safestring import mark_safe

from actionplan.selectors import ActionProgress
from actionplan.templatetags.actionplan_tags import RESTRICTED_BADGE, status_badge
from referrals.figures import Change
from referrals.templatetags.referrals import change_cell

register = template.Library()


@register.simple_tag
def exception_item(action: ActionProgress, action_url_prefix: str) -> str:
    """An action's link, its words, its status, when it last reported and what it said."""
    restricted = RESTRICTED_BADGE if action.restricted else ""
    if action.reported_quarter:
        reported = f"reported in Q{action.reported_quarter}"
    else:
        reported = "nothing reported yet"
    narrative = ""
    if action.narrative:
        narrative = f'<div class="narrative mt-1">{linebreaksbr(action.narrative)}</div>'
    return mark_safe(  # noqa: S308 (escaped)
        f'<a href="{escape(action_url_prefix)}{action.pk}/">Action {escape(action.ref)}</a> '
        f"{escape(truncatewords(action.text, 30))}\n"
        f"      {restricted}\n"
        f"      <br>{status_badge(action.status)}\n"
        f'      <span class="small text-body-secondary">{reported}</span>\n'
        f"      {narrative}"
    )


# The arrow says which way the count moved; the words beside it say by how much.
_ARROWS = {
    "up": '<span aria-hidden="true">▲</span> ',
    "new": '<span aria-hidden="true">▲</span> ',
    "down": '<span aria-hidden="true">▼</span> ',
    "same": '<span aria-hidden="true">▶</span> ',
}


@register.simple_tag
def change_arrow(change: Change) -> str:
    """A referral count's change with its arrow (the newline is the one the included template
    ended with)."""
    return mark_safe(f"{_ARROWS.get(change.kind, '')}{change_cell(change)}\n")  # noqa: S308

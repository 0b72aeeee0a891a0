"""Counts and changes as the referral pages, the home panel and the dashboard show them. Tags
that write their markup with html.escape (what Django's escape does) rather than included
templates: the dashboard drew five per service. The trailing newlines are those the included
templates ended with."""

from html import escape

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe

from referrals.disclosure import public_change, suppress
from referrals.figures import Change
from sosafe.periods import Quarter

register = template.Library()

NO_FIGURE = '<span aria-hidden="true">–</span><span class="visually-hidden">no figure</span>'
NO_COMPARISON = (
    '<span aria-hidden="true">–</span><span class="visually-hidden">no comparison</span>'
)
ILLUSTRATIVE = (
    ' <span class="badge rounded-pill text-bg-light border border-secondary fw-normal">'
    "illustrative figure</span>"
)


@register.simple_tag(takes_context=True)
def count(context, value, illustrative: bool = False) -> str:
    """A count (or a dash read out as "no figure"), with its illustrative label."""
    # A missing return's total resolves to "" in templates: that is no figure, not zero.
    shown = NO_FIGURE if value is None or value == "" else render_value_in_context(value, context)
    return mark_safe(f"{shown}{ILLUSTRATIVE if illustrative else ''}\n")  # noqa: S308 (escaped)


@register.simple_tag
def change_cell(change: Change) -> str:
    """A change on an earlier count: "+4 (+12.5%)", or a dash read out as "no comparison"."""
    if change.kind == "none":
        shown = NO_COMPARISON
    else:
        shown = f'<span class="text-nowrap">{escape(str(change))}</span>'
    return mark_safe(f"{shown}\n")  # noqa: S308 (escaped)


@register.filter
def public(value, threshold=None) -> str:
    """A count as it may appear in anything public (see referrals.disclosure); ``threshold``
    is the partnership's own (its settings), the site's default when not given."""
    return suppress(value, threshold)


@register.simple_tag
def public_change_text(previous, current, threshold=None) -> str:
    return public_change(previous, current, threshold) if current is not None else ""


@register.filter
def quarter_param(quarter: Quarter) -> str:
    """For a ?quarter= link: "2025-26+Q2"."""
    return f"{quarter.year.slug}+Q{quarter.number}"

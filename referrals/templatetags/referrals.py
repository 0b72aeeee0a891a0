from django import template

from referrals.disclosure import public_change, suppress
from sosafe.periods import Quarter

register = template.Library()


@register.inclusion_tag("referrals/includes/count.html")
def count(value, illustrative: bool = False) -> dict:
    """A count (or a dash read out as "no figure"), with its illustrative label."""
    # A missing return's total resolves to "" in templates: that is no figure, not zero.
    return {"value": None if value == "" else value, "illustrative": illustrative}


@register.inclusion_tag("referrals/includes/change.html")
def change_cell(change) -> dict:
    return {"change": change}


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

from django import template

from indicators.measures import formatted

register = template.Library()


@register.filter
def figure(value, unit: str) -> str:
    """A figure as the reader sees it: "1,277", "9.5 per 1,000", "37.5%", "–" for none."""
    return formatted(value, unit)

"""The portal's own template tags: nothing here knows an app or reads the database."""

from django import template

from sosafe.history import person_name

register = template.Library()

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

"""Disclosure control for anything marked public (the scrutiny committee's papers are public).

Small counts can identify people, so a count below the threshold is shown as "<threshold"
(default "<5", setting PUBLIC_SUPPRESSION_THRESHOLD). A change between two counts is withheld
when either is suppressed, or the small count could be worked back from the difference.
"""

from django.conf import settings

from referrals.figures import change

WITHHELD = "withheld"


def threshold_in_force(threshold: int | None = None) -> int:
    # Read at call time, not as a default argument, so a changed setting takes effect.
    return settings.PUBLIC_SUPPRESSION_THRESHOLD if threshold is None else threshold


def is_suppressed(count: int | None, threshold: int | None = None) -> bool:
    return count is not None and count < threshold_in_force(threshold)


def suppress(count: int | None, threshold: int | None = None) -> str:
    """The count as it may appear in public: "<5" below the threshold, "" when there is none."""
    if count is None:
        return ""
    if count < 0:
        raise ValueError("A count cannot be negative.")
    limit = threshold_in_force(threshold)
    return f"<{limit}" if count < limit else str(count)


def public_change(previous: int | None, current: int | None, threshold: int | None = None) -> str:
    if is_suppressed(previous, threshold) or is_suppressed(current, threshold):
        return WITHHELD
    return str(change(previous, current))

"""The rules for public papers, in one place.

A public paper (the scrutiny committee's) leaves out restricted actions and says how many were
withheld, shows small counts as "<N" (the partnership's suppression threshold, through the
referrals' disclosure rule), and reports only updates the coordinator accepted
(``paper_actions(public=True)``).
"""

from referrals.disclosure import WITHHELD, is_suppressed, public_change, suppress

__all__ = ["WITHHELD", "count_text", "is_small", "public_change", "withheld_line"]


def is_small(count: int | None, *, public: bool, threshold: int | None = None) -> bool:
    """Whether a public paper must suppress this count (and any change worked from it)."""
    return public and is_suppressed(count, threshold)


def count_text(count: int | None, *, public: bool, threshold: int | None = None) -> str:
    """A count as the paper prints it: suppressed below the threshold when public."""
    if count is None:
        return ""
    return suppress(count, threshold) if public else str(count)


def withheld_line(count: int) -> str:
    """The line a public paper prints where restricted actions were left out ("" if none)."""
    if count == 0:
        return ""
    actions = "action is" if count == 1 else "actions are"
    return (
        f"{count} restricted {actions} not shown: they are discussed in closed sessions of the "
        "partnership and left out of public papers."
    )

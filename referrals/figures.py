"""Change between two counts, as a number and a percentage, with a zero base handled.

Percentages are Decimal, rounded half up to one decimal place (6.25 becomes 6.3, as people
round by hand). A change from nothing has no percentage: 0 to 12 is "new", 0 to 0 is
"no change".
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")


def percent_change(previous: int, current: int) -> Decimal | None:
    """The change from ``previous`` to ``current`` in per cent; None when ``previous`` is 0."""
    if previous == 0:
        return None
    percent = Decimal(current - previous) * 100 / Decimal(previous)
    return percent.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Change:
    previous: int | None
    current: int | None

    @property
    def comparable(self) -> bool:
        return self.previous is not None and self.current is not None

    @property
    def difference(self) -> int | None:
        return self.current - self.previous if self.comparable else None

    @property
    def percent(self) -> Decimal | None:
        return percent_change(self.previous, self.current) if self.comparable else None

    @property
    def kind(self) -> str:
        """One of: none (nothing to compare), new, same, up, down."""
        if not self.comparable:
            return "none"
        if self.previous == self.current:
            return "same"
        if self.previous == 0:
            return "new"
        return "up" if self.current > self.previous else "down"

    @property
    def difference_text(self) -> str:
        difference = self.difference
        if difference is None:
            return ""
        return f"+{difference}" if difference > 0 else str(difference)

    @property
    def percent_text(self) -> str:
        percent = self.percent
        if percent is None:
            return ""
        return f"+{percent}%" if percent > 0 else f"{percent}%"

    def __str__(self) -> str:
        kind = self.kind
        if kind == "none":
            return "No comparison"
        if kind == "same":
            return "No change"
        if kind == "new":
            return f"{self.difference_text} (new: none before)"
        return f"{self.difference_text} ({self.percent_text})"


def change(previous: int | None, current: int | None) -> Change:
    return Change(previous, current)

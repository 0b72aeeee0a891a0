"""The arithmetic of performance indicators, in plain functions of plain values.

- Rates per 1,000 population: the stored figure is the count; the rate divides it by the
  partnership's population for that year.
- A change is a difference and a percentage of the earlier figure (none when that is 0).
- Direction of travel says whether a figure moved the right way for the indicator's polarity.
- Target status compares a figure with its target using the indicator's RAG thresholds: worse
  than the target by no more than ``green_within`` per cent is met (green), by no more than
  ``amber_within`` per cent is near (amber), by more is missed (red). "Worse" depends on the
  polarity; for "closest to target" it is the distance either side.

All figures are Decimal, rounded half up (as people round by hand).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")
THOUSAND = Decimal(1000)


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    RATE = "rate_per_1000", "Rate per 1,000 population"
    PERCENTAGE = "percentage", "Percentage"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"
    CLOSEST_TO_TARGET = "target", "Closest to target is better"


class Direction(models.TextChoices):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    NO_CHANGE = "no_change", "No change"
    NOT_COMPARABLE = "not_comparable", "Not comparable"


class TargetStatus(models.TextChoices):
    MET = "met", "Target met"
    NEAR = "near", "Near target"
    MISSED = "missed", "Target missed"
    NO_TARGET = "none", "No target"


# The arrow shows which way the figure moved; the text says whether that is good.
ARROWS = {"up": "arrow-up", "down": "arrow-down", "same": "arrow-flat", "none": "dash"}
# RAG colour names for status badges (always shown with the text and an icon).
TARGET_RAG = {
    TargetStatus.MET: "green",
    TargetStatus.NEAR: "amber",
    TargetStatus.MISSED: "red",
    TargetStatus.NO_TARGET: "none",
}


def rounded(value: Decimal, places: Decimal = TWO_PLACES) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def rate_per_thousand(count: Decimal | int | None, population: int | None) -> Decimal | None:
    """``count`` per 1,000 of ``population`` to two places; None without a population."""
    if count is None or not population:
        return None
    return rounded(Decimal(count) * THOUSAND / Decimal(population))


def percent_change(previous: Decimal | None, current: Decimal | None) -> Decimal | None:
    """The change from ``previous`` to ``current`` in per cent, to one place.

    None when either is missing or ``previous`` is 0 (a change from nothing has no percentage).
    """
    if previous is None or current is None or previous == 0:
        return None
    return rounded((Decimal(current) - Decimal(previous)) * 100 / abs(Decimal(previous)), ONE_PLACE)


def movement(previous: Decimal | None, current: Decimal | None) -> str:
    """Which way the figure moved: up, down, same, or none (nothing to compare)."""
    if previous is None or current is None:
        return "none"
    if current == previous:
        return "same"
    return "up" if current > previous else "down"


def direction(
    polarity: str,
    previous: Decimal | None,
    current: Decimal | None,
    target: Decimal | None = None,
) -> Direction:
    """Whether moving from ``previous`` to ``current`` is an improvement for ``polarity``.

    Closest to target needs a target: nearer to it is improving.
    """
    moved = movement(previous, current)
    if moved == "none":
        return Direction.NOT_COMPARABLE
    if polarity == Polarity.CLOSEST_TO_TARGET:
        if target is None:
            return Direction.NOT_COMPARABLE
        before, after = abs(previous - target), abs(current - target)
        if before == after:
            return Direction.NO_CHANGE
        return Direction.IMPROVING if after < before else Direction.WORSENING
    if moved == "same":
        return Direction.NO_CHANGE
    went_up = moved == "up"
    better = went_up if polarity == Polarity.HIGHER_IS_BETTER else not went_up
    return Direction.IMPROVING if better else Direction.WORSENING


def shortfall_percent(polarity: str, value: Decimal, target: Decimal) -> Decimal | None:
    """How much worse than ``target`` the value is, in per cent of the target (0 when it is at
    or better than the target). None when the target is 0 and the value is worse: no
    percentage of nothing."""
    if polarity == Polarity.HIGHER_IS_BETTER:
        gap = target - value
    elif polarity == Polarity.LOWER_IS_BETTER:
        gap = value - target
    else:
        gap = abs(value - target)
    if gap <= 0:
        return Decimal(0)
    if target == 0:
        return None
    return gap * 100 / abs(target)


def target_status(
    polarity: str,
    value: Decimal | None,
    target: Decimal | None,
    *,
    green_within: Decimal = Decimal(0),
    amber_within: Decimal = Decimal(5),
) -> TargetStatus:
    """Met, near or missed by the RAG thresholds (per cent of the target); no target or no
    value gives "no target"."""
    if target is None or value is None:
        return TargetStatus.NO_TARGET
    shortfall = shortfall_percent(polarity, Decimal(value), Decimal(target))
    if shortfall is None:
        return TargetStatus.MISSED
    if shortfall <= green_within:
        return TargetStatus.MET
    if shortfall <= amber_within:
        return TargetStatus.NEAR
    return TargetStatus.MISSED


def combine(unit: str, values: Sequence[Decimal]) -> Decimal | None:
    """Several periods' figures as one: counts (and the counts behind rates) add up;
    percentages average. None for no figures."""
    if not values:
        return None
    total = sum((Decimal(v) for v in values), Decimal(0))
    if unit == Unit.PERCENTAGE:
        return rounded(total / len(values))
    return total


@dataclass(frozen=True)
class Comparison:
    """A figure beside an earlier one: the change and whether it is an improvement."""

    current: Decimal | None
    previous: Decimal | None
    direction: Direction

    @property
    def comparable(self) -> bool:
        return self.direction != Direction.NOT_COMPARABLE

    @property
    def difference(self) -> Decimal | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def percent(self) -> Decimal | None:
        return percent_change(self.previous, self.current)

    @property
    def movement(self) -> str:
        return movement(self.previous, self.current)

    @property
    def arrow(self) -> str:
        """Icon name: arrow-up, arrow-down, arrow-flat or dash."""
        return ARROWS[self.movement] if self.comparable else ARROWS["none"]

    @property
    def direction_text(self) -> str:
        return self.direction.label

    @property
    def change_text(self) -> str:
        """ "+12 (+5.4%)", "-3 (-17.1%)", "+4 (none before)", "No change" or "No comparison"."""
        difference = self.difference
        if difference is None:
            return "No comparison"
        if difference == 0:
            return "No change"
        sign = "+" if difference > 0 else ""
        percent = self.percent
        if percent is None:
            return f"{sign}{_plain(difference)} (none before)"
        percent_sign = "+" if percent > 0 else ""
        return f"{sign}{_plain(difference)} ({percent_sign}{percent}%)"


def compare(
    polarity: str,
    previous: Decimal | None,
    current: Decimal | None,
    target: Decimal | None = None,
) -> Comparison:
    return Comparison(current, previous, direction(polarity, previous, current, target))


def _plain(value: Decimal) -> str:
    """A Decimal without trailing zeros after the point: 12.50 → "12.5", 12.00 → "12"."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def formatted(value: Decimal | None, unit: str) -> str:
    """A figure as a reader sees it: "1,277", "4.25 per 1,000", "37.5%"; "–" for none."""
    if value is None:
        return "–"
    if unit == Unit.COUNT and value == value.to_integral_value():
        return f"{int(value):,}"
    text = _plain(rounded(Decimal(value)))
    whole, _, fraction = text.partition(".")
    text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if whole.startswith("-") and int(whole) == 0:
        text = "-" + text
    if unit == Unit.RATE:
        return f"{text} per 1,000"
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    return text

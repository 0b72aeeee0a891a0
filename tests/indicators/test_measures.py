"""The indicator arithmetic at its edges: each polarity, missing and zero earlier figures,
rates per 1,000, RAG thresholds."""

from decimal import Decimal as D

import pytest

from indicators.measures import (
    Direction,
    Polarity,
    TargetStatus,
    Unit,
    combine,
    compare,
    direction,
    formatted,
    percent_change,
    rate_per_thousand,
    target_status,
)

HIGHER, LOWER, CLOSEST = (
    Polarity.HIGHER_IS_BETTER,
    Polarity.LOWER_IS_BETTER,
    Polarity.CLOSEST_TO_TARGET,
)


class TestDirection:
    @pytest.mark.parametrize(
        ("polarity", "previous", "current", "expected"),
        [
            (HIGHER, D(10), D(12), Direction.IMPROVING),
            (HIGHER, D(12), D(10), Direction.WORSENING),
            (LOWER, D(10), D(12), Direction.WORSENING),
            (LOWER, D(12), D(10), Direction.IMPROVING),
            (HIGHER, D(10), D(10), Direction.NO_CHANGE),
            (LOWER, D(10), D(10), Direction.NO_CHANGE),
        ],
    )
    def test_higher_and_lower_is_better(self, polarity, previous, current, expected):
        assert direction(polarity, previous, current) == expected

    def test_closest_to_target_improves_when_nearer_either_side(self):
        assert direction(CLOSEST, D(80), D(95), D(100)) == Direction.IMPROVING
        assert direction(CLOSEST, D(120), D(104), D(100)) == Direction.IMPROVING
        # Crossing the target: 90 is 10 away, 115 is 15 away.
        assert direction(CLOSEST, D(90), D(115), D(100)) == Direction.WORSENING
        assert direction(CLOSEST, D(90), D(110), D(100)) == Direction.NO_CHANGE

    def test_closest_to_target_without_a_target_is_not_comparable(self):
        assert direction(CLOSEST, D(90), D(95), None) == Direction.NOT_COMPARABLE

    @pytest.mark.parametrize("polarity", [HIGHER, LOWER, CLOSEST])
    def test_a_missing_previous_value_is_not_comparable(self, polarity):
        assert direction(polarity, None, D(5), D(5)) == Direction.NOT_COMPARABLE
        assert direction(polarity, D(5), None, D(5)) == Direction.NOT_COMPARABLE

    def test_a_zero_previous_value_still_has_a_direction(self):
        assert direction(LOWER, D(0), D(3)) == Direction.WORSENING
        assert direction(HIGHER, D(0), D(3)) == Direction.IMPROVING


class TestComparison:
    def test_reproduces_the_committee_papers_percentages(self):
        # 2018 paper §3.3: robbery -17.1%, ASB +5.4%.
        robbery = compare(LOWER, D(41), D(34))
        assert robbery.percent == D("-17.1")
        assert robbery.direction == Direction.IMPROVING
        assert robbery.arrow == "arrow-down"
        assert robbery.change_text == "-7 (-17.1%)"
        asb = compare(LOWER, D(2500), D(2635))
        assert asb.percent == D("5.4")
        assert asb.arrow == "arrow-up"
        assert asb.direction_text == "Worsening"

    def test_zero_previous_has_a_difference_but_no_percentage(self):
        comparison = compare(LOWER, D(0), D(4))
        assert comparison.percent is None
        assert comparison.difference == D(4)
        assert comparison.change_text == "+4 (none before)"
        assert percent_change(D(0), D(0)) is None
        assert compare(LOWER, D(0), D(0)).change_text == "No change"
        assert compare(LOWER, D(0), D(0)).arrow == "arrow-flat"

    def test_missing_previous_says_so(self):
        comparison = compare(HIGHER, None, D(4))
        assert comparison.change_text == "No comparison"
        assert comparison.arrow == "dash"
        assert comparison.percent is None
        assert not comparison.comparable

    def test_rounds_half_up(self):
        # 1/16 = 6.25% rounds to 6.3 (banker's rounding would give 6.2).
        assert percent_change(D(16), D(17)) == D("6.3")


class TestTargetStatus:
    def test_lower_is_better(self):
        kwargs = {"green_within": D(0), "amber_within": D(5)}
        assert target_status(LOWER, D(100), D(100), **kwargs) == TargetStatus.MET
        assert target_status(LOWER, D(90), D(100), **kwargs) == TargetStatus.MET
        assert target_status(LOWER, D(105), D(100), **kwargs) == TargetStatus.NEAR
        assert target_status(LOWER, D("105.01"), D(100), **kwargs) == TargetStatus.MISSED

    def test_higher_is_better(self):
        kwargs = {"green_within": D(0), "amber_within": D(10)}
        assert target_status(HIGHER, D(43), D(40), **kwargs) == TargetStatus.MET
        assert target_status(HIGHER, D(36), D(40), **kwargs) == TargetStatus.NEAR
        assert target_status(HIGHER, D(35), D(40), **kwargs) == TargetStatus.MISSED

    def test_closest_to_target_counts_either_side(self):
        kwargs = {"green_within": D(2), "amber_within": D(5)}
        assert target_status(CLOSEST, D(98), D(100), **kwargs) == TargetStatus.MET
        assert target_status(CLOSEST, D(102), D(100), **kwargs) == TargetStatus.MET
        assert target_status(CLOSEST, D(96), D(100), **kwargs) == TargetStatus.NEAR
        assert target_status(CLOSEST, D(106), D(100), **kwargs) == TargetStatus.MISSED

    def test_green_tolerance_counts_as_met(self):
        assert target_status(LOWER, D(101), D(100), green_within=D(1)) == TargetStatus.MET

    def test_no_target_or_no_value(self):
        assert target_status(LOWER, D(5), None) == TargetStatus.NO_TARGET
        assert target_status(LOWER, None, D(5)) == TargetStatus.NO_TARGET

    def test_a_zero_target(self):
        assert target_status(LOWER, D(0), D(0)) == TargetStatus.MET
        assert target_status(LOWER, D(1), D(0), amber_within=D(50)) == TargetStatus.MISSED
        assert target_status(HIGHER, D(1), D(0)) == TargetStatus.MET


class TestRates:
    def test_per_thousand_of_the_population(self):
        assert rate_per_thousand(D(850), 89500) == D("9.50")
        assert rate_per_thousand(D(1), 3) == D("333.33")

    def test_needs_a_population(self):
        assert rate_per_thousand(D(850), None) is None
        assert rate_per_thousand(D(850), 0) is None
        assert rate_per_thousand(None, 89500) is None


class TestCombineAndFormat:
    def test_counts_add_and_percentages_average(self):
        assert combine(Unit.COUNT, [D(1), D(2), D(3)]) == D(6)
        assert combine(Unit.RATE, [D(1), D(2)]) == D(3)
        assert combine(Unit.PERCENTAGE, [D(50), D(60), D(65)]) == D("58.33")
        assert combine(Unit.COUNT, []) is None

    def test_formats_by_unit(self):
        assert formatted(D(1277), Unit.COUNT) == "1,277"
        assert formatted(D("9.50"), Unit.RATE) == "9.5 per 1,000"
        assert formatted(D("37.50"), Unit.PERCENTAGE) == "37.5%"
        assert formatted(None, Unit.COUNT) == "–"
        assert formatted(D("1234.25"), Unit.COUNT) == "1,234.25"

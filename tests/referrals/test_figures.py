from decimal import Decimal

import pytest
from django.test import override_settings

from referrals.disclosure import WITHHELD, is_suppressed, public_change, suppress
from referrals.figures import change, percent_change


@pytest.mark.parametrize(
    ("previous", "current", "kind", "difference", "percent", "text"),
    [
        (0, 12, "new", 12, None, "+12 (new: none before)"),
        (0, 0, "same", 0, None, "No change"),
        (10, 10, "same", 0, Decimal("0.0"), "No change"),
        (8, 12, "up", 4, Decimal("50.0"), "+4 (+50.0%)"),
        (12, 0, "down", -12, Decimal("-100.0"), "-12 (-100.0%)"),
        (3, 4, "up", 1, Decimal("33.3"), "+1 (+33.3%)"),
        (3, 5, "up", 2, Decimal("66.7"), "+2 (+66.7%)"),
        # Exactly half way: half up (away from zero), not to even as Python's round() would.
        (16, 17, "up", 1, Decimal("6.3"), "+1 (+6.3%)"),
        (16, 15, "down", -1, Decimal("-6.3"), "-1 (-6.3%)"),
        (40, 41, "up", 1, Decimal("2.5"), "+1 (+2.5%)"),
        (None, 5, "none", None, None, "No comparison"),
        (5, None, "none", None, None, "No comparison"),
    ],
)
def test_change_cases(previous, current, kind, difference, percent, text):
    result = change(previous, current)
    assert result.kind == kind
    assert result.difference == difference
    assert result.percent == percent
    assert str(result) == text
    if percent is not None:
        assert isinstance(result.percent, Decimal)
        assert result.percent.as_tuple().exponent == -1


def test_percent_change_of_a_zero_base_is_none():
    assert percent_change(0, 7) is None
    assert percent_change(0, 0) is None
    assert percent_change(7, 0) == Decimal("-100.0")


@pytest.mark.parametrize(
    ("count", "text"),
    [(None, ""), (0, "<5"), (1, "<5"), (4, "<5"), (5, "5"), (916, "916")],
)
def test_suppress_below_the_default_threshold(count, text):
    assert suppress(count) == text


def test_suppress_follows_the_setting_and_an_explicit_threshold():
    with override_settings(PUBLIC_SUPPRESSION_THRESHOLD=10):
        assert suppress(9) == "<10"
        assert suppress(10) == "10"
        assert is_suppressed(9)
    assert suppress(9, threshold=3) == "9"
    assert suppress(2, threshold=3) == "<3"
    assert suppress(0, threshold=0) == "0"


def test_suppress_refuses_a_negative_count():
    with pytest.raises(ValueError):
        suppress(-1)


def test_public_change_is_withheld_when_either_count_is_suppressed():
    assert public_change(100, 3) == WITHHELD  # -97 would give the 3 away
    assert public_change(2, 40) == WITHHELD
    assert public_change(20, 25) == "+5 (+25.0%)"
    assert public_change(None, 25) == "No comparison"

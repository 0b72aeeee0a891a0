from decimal import Decimal

import pytest

from funding.money import MoneyError, format_pounds, parse_pounds


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("£1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        (" £ 7,706.25 ", "7706.25"),
        ("£1,423,000.00", "1423000.00"),
        ("0", "0.00"),
        ("12", "12.00"),
        (3000, "3000.00"),
        (7706.25, "7706.25"),
        (0.1, "0.10"),
        (Decimal("99.9"), "99.90"),
    ],
)
def test_amounts_people_write(text, amount):
    value = parse_pounds(text)
    assert isinstance(value, Decimal)
    assert str(value) == amount


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_amount(empty):
    assert parse_pounds(empty) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("£1,2,3", "is not an amount of money"),
        ("1,23", "is not an amount of money"),
        ("12,3456", "is not an amount of money"),
        ("£1.234", "more than two digits after the point"),
        ("ten pounds", "is not an amount of money"),
        ("£12.", "is not an amount of money"),
        ("-5", "negative"),
        ("£-5", "negative"),
        ("1e5", "is not an amount of money"),
        ("99999999999", "larger than the portal can hold"),
    ],
)
def test_malformed_amounts_say_what_to_write(text, says):
    with pytest.raises(MoneyError) as error:
        parse_pounds(text)
    assert says in str(error.value)
    assert f"“{text.strip()}”" in str(error.value)


def test_pounds_are_shown_with_pence_and_separators():
    assert format_pounds(Decimal("1423000")) == "£1,423,000.00"
    assert format_pounds(Decimal("7706.25")) == "£7,706.25"
    assert format_pounds(None) == ""
    assert format_pounds(None, blank="—") == "—"

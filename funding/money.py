"""Pounds and pence as people type them ("£1,234.50") and as the portal shows them.

Money is always ``Decimal`` with two decimal places; nothing here goes through ``float``.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
# Twelve digits in all, two after the point: the largest amount a money column holds.
MAX_AMOUNT = Decimal("9999999999.99")

# "1234.5", "1,234.50", "£1,234,567": commas only between groups of exactly three digits.
_AMOUNT_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")
EXAMPLE = "£1,234.50"


class MoneyError(ValueError):
    """Text that is not an amount of money in pounds and pence."""


def parse_pounds(value) -> Decimal | None:
    """Read an amount in pounds: "£1,234.50", "1234.5", or a number from a spreadsheet cell.

    Empty means no amount (``None``). Anything else that is not a whole amount of pence,
    or is negative, raises ``MoneyError`` with a message that says what to write instead.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise MoneyError(f"“{value}” is not an amount of money; write it like {EXAMPLE}.")
    if isinstance(value, int | float | Decimal):
        # Spreadsheet cells arrive as numbers; str() of a float gives its shortest exact form.
        text = str(value)
        if isinstance(value, float) and "e" in text.lower():
            text = format(Decimal(text), "f")
    else:
        text = str(value)
    text = text.strip()
    if not text:
        return None
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if cleaned.startswith("-") or cleaned.startswith("£-"):
        raise MoneyError(f"“{text}” is negative; amounts of money here are never below £0.")
    if cleaned.startswith("£"):
        cleaned = cleaned[1:]
    if not _AMOUNT_RE.match(cleaned):
        if re.fullmatch(r"[\d,]+\.\d{3,}", cleaned):
            raise MoneyError(
                f"“{text}” has more than two digits after the point; amounts are in pounds "
                f"and pence, like {EXAMPLE}."
            )
        raise MoneyError(
            f"“{text}” is not an amount of money; write it like {EXAMPLE} "
            "(commas only between groups of three digits)."
        )
    try:
        amount = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules this out
        raise MoneyError(f"“{text}” is not an amount of money; write it like {EXAMPLE}.") from exc
    if amount > MAX_AMOUNT:
        raise MoneyError(f"“{text}” is larger than the portal can hold (up to £9,999,999,999.99).")
    return amount.quantize(PENNY)


def pennies(value) -> Decimal:
    """A sum from the database as exact pounds and pence (see funding.selectors)."""
    if value is None:
        return Decimal("0.00")
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(PENNY)


def format_pounds(value, *, blank: str = "") -> str:
    """ "£1,234.50" for ``Decimal("1234.5")``; ``blank`` for no amount."""
    if value is None or value == "":
        return blank
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    amount = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"

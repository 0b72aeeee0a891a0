"""The largest numbers the database's columns hold, with messages that say so.

SQLite stores any size of integer, PostgreSQL's ``integer`` stops at 2,147,483,647: a number
must be refused with a clear message before it reaches the column, on either database.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator

INTEGER_MAX = 2_147_483_647  # PostgreSQL integer, Django IntegerField


def too_large_message(label: str, maximum: int | Decimal = INTEGER_MAX) -> str:
    return f"{label} must be {maximum:,} or less: that is the largest the database holds."


def integer_max_validator(label: str) -> MaxValueValidator:
    return MaxValueValidator(INTEGER_MAX, message=too_large_message(label))


def decimal_max(max_digits: int, decimal_places: int) -> Decimal:
    """The largest number a ``numeric(max_digits, decimal_places)`` column holds."""
    nines = "9" * (max_digits - decimal_places)
    return Decimal(f"{nines}.{'9' * decimal_places}" if decimal_places else nines)


def decimal_too_large(value: Decimal, max_digits: int, decimal_places: int) -> bool:
    return abs(value) > decimal_max(max_digits, decimal_places)


def decimal_error_messages(label: str, max_digits: int, decimal_places: int) -> dict[str, str]:
    """``error_messages`` for a form's DecimalField: too many digits says what the column holds."""
    message = too_large_message(label, decimal_max(max_digits, decimal_places))
    return {"max_digits": message, "max_whole_digits": message}

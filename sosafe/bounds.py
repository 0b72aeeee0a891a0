"""The largest numbers the database's columns hold, with messages that say so.

SQLite stores any size of integer, PostgreSQL's ``integer`` stops at 2,147,483,647: a number
must be refused with a clear message before it reaches the column, on either database.
"""

from django.core.validators import MaxValueValidator

INTEGER_MAX = 2_147_483_647  # PostgreSQL integer, Django IntegerField


def too_large_message(label: str, maximum: int = INTEGER_MAX) -> str:
    return f"{label} must be {maximum:,} or less: that is the largest the database holds."


def integer_max_validator(label: str) -> MaxValueValidator:
    return MaxValueValidator(INTEGER_MAX, message=too_large_message(label))

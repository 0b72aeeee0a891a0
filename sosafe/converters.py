"""URL path converters for periods: ``<fy:year>`` and ``<quarter:quarter>``.

Views receive a ``FinancialYear`` and an ``int`` quarter (1–4). A slug that is no financial
year, or a quarter outside 1–4, matches no URL, so Django answers 404 before any view runs.
Registered by ``SosafeConfig.ready()``, before any URLconf is loaded.
"""

from django.urls import register_converter

from sosafe.periods import QUARTER_NUMBERS, FinancialYear, Quarter


class FinancialYearConverter:
    """ "2024-25" in the URL, ``FinancialYear(2024)`` in the view."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> FinancialYear:
        return FinancialYear.parse(value)  # PeriodError is a ValueError: no match, 404

    def to_url(self, value: FinancialYear | str) -> str:
        year = value if isinstance(value, FinancialYear) else FinancialYear.parse(value)
        return year.slug


class QuarterConverter:
    """ "1" to "4" in the URL, the quarter's number in the view."""

    regex = r"[1-4]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Quarter | int | str) -> str:
        number = value.number if isinstance(value, Quarter) else int(value)
        if number not in QUARTER_NUMBERS:
            raise ValueError(f"Quarter {number} does not exist; quarters run Q1 to Q4.")
        return str(number)


def register() -> None:
    register_converter(FinancialYearConverter, "fy")
    register_converter(QuarterConverter, "quarter")

"""UK public-sector financial years and their quarters.

A financial year runs 1 April to 31 March and is written "2024/25". Q1 is April–June,
Q2 July–September, Q3 October–December and Q4 January–March (of the following calendar year).
This module is the only place that does this arithmetic.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache, cached_property, total_ordering

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")
_QUARTER_RE = re.compile(
    r"^\s*(?:Q([1-4])\s+(\S+)|(\S+)\s+Q([1-4]))\s*$",
    re.IGNORECASE,
)
FIRST_MONTH = 4  # April
FIRST_START_YEAR, LAST_START_YEAR = 1900, 2999  # the plausible span of financial years
QUARTER_NUMBERS = (1, 2, 3, 4)
QUARTER_CHOICES = [(number, f"Q{number}") for number in QUARTER_NUMBERS]


class PeriodError(ValueError):
    """A string that is not a financial year or quarter."""


@total_ordering
@dataclass(frozen=True)
class FinancialYear:
    """The financial year that starts on 1 April of ``start_year``."""

    start_year: int

    def __post_init__(self) -> None:
        if not FIRST_START_YEAR <= self.start_year <= LAST_START_YEAR:
            raise PeriodError(f"{self.start_year} is not a plausible financial year start.")

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read "2024/25" (also "2024-25" and "2024/2025")."""
        match = _YEAR_RE.match(str(text))
        if not match:
            raise PeriodError(f"“{text}” is not a financial year; write it like 2024/25.")
        start = int(match.group(1))
        end = match.group(2)
        expected = str(start + 1)
        if end not in (expected, expected[-2:]):
            raise PeriodError(
                f"“{text}” is not a financial year: the year after {start} is {expected}, "
                f"so write {start}/{expected[-2:]}."
            )
        return cls(start)

    @classmethod
    def of_date(cls, day: datetime.date) -> FinancialYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def current(cls) -> FinancialYear:
        return cls.of_date(datetime.date.today())

    @property
    def end_year(self) -> int:
        return self.start_year + 1

    @cached_property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, FIRST_MONTH, 1)

    @cached_property
    def end(self) -> datetime.date:
        return datetime.date(self.end_year, FIRST_MONTH, 1) - datetime.timedelta(days=1)

    @property
    def has_neighbours(self) -> bool:
        """Whether the years before and after it exist too (pages compare with both)."""
        return FIRST_START_YEAR < self.start_year < LAST_START_YEAR

    @property
    def slug(self) -> str:
        """URL form: "2024-25"."""
        return f"{self.start_year}-{str(self.end_year)[-2:]}"

    def __str__(self) -> str:
        return f"{self.start_year}/{str(self.end_year)[-2:]}"

    def __lt__(self, other: FinancialYear) -> bool:
        if not isinstance(other, FinancialYear):
            return NotImplemented
        return self.start_year < other.start_year

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> FinancialYear:
        return _financial_year(self.start_year - 1)

    def next(self) -> FinancialYear:
        return _financial_year(self.start_year + 1)

    def quarters(self) -> list[Quarter]:
        return [_quarter(self, number) for number in QUARTER_NUMBERS]

    def quarter(self, number: int) -> Quarter:
        return _quarter(self, number)

    def months(self) -> list[Month]:
        """April to March."""
        first = Month(self.start_year, FIRST_MONTH)
        return [first.plus(n) for n in range(12)]


@total_ordering
@dataclass(frozen=True)
class Quarter:
    """Quarter ``number`` (1–4) of a financial year."""

    year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if self.number not in QUARTER_NUMBERS:
            raise PeriodError(f"Quarter {self.number} does not exist; quarters run Q1 to Q4.")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read "Q1 2024/25" or "2024/25 Q1"."""
        match = _QUARTER_RE.match(str(text))
        if not match:
            raise PeriodError(f"“{text}” is not a quarter; write it like Q1 2024/25.")
        number = match.group(1) or match.group(4)
        year = match.group(2) or match.group(3)
        return cls(FinancialYear.parse(year), int(number))

    @classmethod
    def of_date(cls, day: datetime.date) -> Quarter:
        year = FinancialYear.of_date(day)
        months_in = (day.month - FIRST_MONTH) % 12
        return cls(year, months_in // 3 + 1)

    @classmethod
    def current(cls) -> Quarter:
        return cls.of_date(datetime.date.today())

    @cached_property
    def start(self) -> datetime.date:
        month = (FIRST_MONTH - 1 + 3 * (self.number - 1)) % 12 + 1
        calendar_year = self.year.start_year if self.number < 4 else self.year.end_year
        return datetime.date(calendar_year, month, 1)

    @cached_property
    def end(self) -> datetime.date:
        # Worked out from the dates, not from next(): Q4 of the last plausible year ends too.
        months = self.start.year * 12 + self.start.month - 1 + 3
        return datetime.date(months // 12, months % 12 + 1, 1) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        """Short label: "Q1"."""
        return f"Q{self.number}"

    @property
    def months(self) -> str:
        """ "Apr–Jun 2024"."""
        start, end = self.start, self.end
        return f"{start:%b}–{end:%b} {end.year}"

    def __str__(self) -> str:
        return f"Q{self.number} {self.year}"

    def __lt__(self, other: Quarter) -> bool:
        if not isinstance(other, Quarter):
            return NotImplemented
        return (self.year, self.number) < (other.year, other.number)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Quarter:
        if self.number == 1:
            return _quarter(self.year.previous(), 4)
        return _quarter(self.year, self.number - 1)

    def next(self) -> Quarter:
        if self.number == 4:
            return _quarter(self.year.next(), 1)
        return _quarter(self.year, self.number + 1)

    def same_quarter_last_year(self) -> Quarter:
        return _quarter(self.year.previous(), self.number)

    def same_period_last_year(self) -> Quarter:
        return self.same_quarter_last_year()

    @property
    def last_month(self) -> Month:
        return Month.of_date(self.end)

    def calendar_months(self) -> list[Month]:
        first = Month.of_date(self.start)
        return [first, first.plus(1), first.plus(2)]

    def periods_to_date(self) -> list[Quarter]:
        """The quarters of its financial year up to and including this one."""
        return [_quarter(self.year, n) for n in range(1, self.number + 1)]


_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@total_ordering
@dataclass(frozen=True)
class Month:
    """A calendar month in its financial year and quarter (January 2025 is in Q4 2024/25)."""

    calendar_year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"Month {self.month} does not exist; months run 1 to 12.")
        if not 1900 <= self.calendar_year <= 2999:
            raise PeriodError(f"{self.calendar_year} is not a plausible year.")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read "2024-01" (the form police.uk files use)."""
        match = _MONTH_RE.match(str(text))
        if not match:
            raise PeriodError(f"“{text}” is not a month; write it like 2024-01.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of_date(cls, day: datetime.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def in_year(cls, year: FinancialYear, month: int) -> Month:
        """Calendar month ``month`` (1–12) of the financial year ``year``."""
        return _month(year.start_year if month >= FIRST_MONTH else year.end_year, month)

    @cached_property
    def year(self) -> FinancialYear:
        return FinancialYear.of_date(self.start)

    @cached_property
    def quarter(self) -> Quarter:
        return Quarter.of_date(self.start)

    @cached_property
    def start(self) -> datetime.date:
        return datetime.date(self.calendar_year, self.month, 1)

    @cached_property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    @property
    def index_in_year(self) -> int:
        """0 for April … 11 for March."""
        return (self.month - FIRST_MONTH) % 12

    @cached_property
    def label(self) -> str:
        """ "Jan 2025"."""
        return f"{self.start:%b %Y}"

    @property
    def slug(self) -> str:
        return f"{self.calendar_year}-{self.month:02d}"

    def __str__(self) -> str:
        return self.label

    def __lt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.calendar_year, self.month) < (other.calendar_year, other.month)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def plus(self, months: int) -> Month:
        serial = self.calendar_year * 12 + self.month - 1 + months
        return _month(serial // 12, serial % 12 + 1)

    def previous(self) -> Month:
        return self.plus(-1)

    def next(self) -> Month:
        return self.plus(1)

    def same_period_last_year(self) -> Month:
        return self.plus(-12)

    def periods_to_date(self) -> list[Month]:
        """The months of its financial year up to and including this one."""
        first = Month.in_year(self.year, FIRST_MONTH)
        return [first.plus(n) for n in range(self.index_in_year + 1)]


# Periods are immutable, and the dashboard asks for the same few hundred of them (and their
# dates) thousands of times per request: the methods above hand out one shared instance each,
# so its dates and year are worked out once.
_financial_year = cache(FinancialYear)
_quarter = cache(Quarter)
_month = cache(Month)

"""The period a paper covers: a financial year ("2017/18") or a quarter of it ("2017/18-Q3")."""

from dataclasses import dataclass

from sosafe.periods import FinancialYear, PeriodError, Quarter


@dataclass(frozen=True)
class PaperPeriod:
    year: FinancialYear
    quarter: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, text: str) -> "PaperPeriod":
        """Read "2017/18" or "2017/18-Q3" (also the URL forms "2017-18" and "2017-18-Q3")."""
        text = str(text).strip()
        year_text, separator, quarter_text = text.upper().rpartition("-Q")
        if not separator:
            return cls(FinancialYear.parse(text))
        if not quarter_text.isdigit():
            raise PeriodError(f"“{text}” is not a period; write 2017/18 or 2017/18-Q3.")
        quarter = Quarter(FinancialYear.parse(year_text), int(quarter_text))
        return cls(quarter.year, quarter.number)

    @property
    def last_quarter(self) -> int:
        """The last quarter of the plan's year the period reaches."""
        return self.quarter or 4

    @property
    def start(self):
        return self.year.start

    @property
    def end(self):
        return self.year.quarter(self.quarter).end if self.quarter else self.year.end

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def label(self) -> str:
        return str(self.year) if self.is_year else str(self.year.quarter(self.quarter))

    @property
    def slug(self) -> str:
        return self.year.slug if self.is_year else f"{self.year.slug}-Q{self.quarter}"

    def __str__(self) -> str:
        return str(self.year) if self.is_year else f"{self.year}-Q{self.quarter}"

"""Reading indicator values from a spreadsheet (CSV or XLSX) for a preview, then storing them.

Columns: Indicator, Period, Value, Target (optional), Illustrative (optional: yes/no). The period
is a month like 2025-01 for monthly indicators or a quarter like Q1 2025/26 for quarterly ones.
Every bad row is listed; nothing is stored unless every row is good.

The core spreadsheet reader (sosafe.spreadsheets) has no reading side yet; this reads the two
formats directly and should move onto it when it has.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from indicators.models import Indicator
from sosafe.models import Partnership
from sosafe.periods import Month, PeriodError, Quarter

COLUMNS = ("Indicator", "Period", "Value", "Target", "Illustrative")
REQUIRED = ("Indicator", "Period", "Value")
YES = {"yes", "y", "true", "1", "illustrative"}
NO = {"", "no", "n", "false", "0"}


class ValueFileError(ValueError):
    """The file cannot be read as a table of values at all."""


@dataclass(frozen=True)
class ValueRow:
    line: int
    indicator: Indicator
    period: Month | Quarter
    value: Decimal
    target: Decimal | None
    illustrative: bool


@dataclass
class ValuePlan:
    rows: list[ValueRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # line, what to fix

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _table(content: bytes, file_format: str) -> list[list[str]]:
    if file_format == "xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
            raise ValueFileError("The file is not an XLSX workbook that can be opened.") from exc
        sheet = book.worksheets[0]
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueFileError("The file is not a CSV file in UTF-8.") from exc
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _period(indicator: Indicator, text: str) -> Month | Quarter:
    if indicator.is_monthly:
        return Month.parse(text)
    return Quarter.parse(text)


def plan_values(partnership: Partnership, content: bytes, file_format: str) -> ValuePlan:
    table = [row for row in _table(content, file_format) if any(row)]
    if not table:
        raise ValueFileError("The file is empty.")
    header = [cell.strip().lower() for cell in table[0]]
    missing = [c for c in REQUIRED if c.lower() not in header]
    if missing:
        raise ValueFileError(
            f"The first row must name the columns {', '.join(COLUMNS)}; "
            f"it has no {', '.join(missing)} column."
        )
    at = {c: header.index(c.lower()) for c in COLUMNS if c.lower() in header}
    indicators = {i.name.lower(): i for i in Indicator.objects.filter(partnership=partnership)}
    plan, seen = ValuePlan(), set()
    for line, row in enumerate(table[1:], start=2):
        cell = {c: (row[i] if i < len(row) else "") for c, i in at.items()}
        indicator = indicators.get(cell["Indicator"].lower())
        if indicator is None:
            plan.errors.append((line, f"No indicator called “{cell['Indicator']}”."))
            continue
        try:
            period = _period(indicator, cell["Period"])
        except PeriodError as exc:
            per = "month like 2025-01" if indicator.is_monthly else "quarter like Q1 2025/26"
            plan.errors.append((line, f"{exc} {indicator} needs a {per}."))
            continue
        value, target = _decimal(cell["Value"]), cell.get("Target", "")
        target_value = _decimal(target) if target else None
        illustrative = cell.get("Illustrative", "").lower()
        problems = []
        if value is None or value < 0:
            problems.append(f"the value “{cell['Value']}” is not a number of 0 or more")
        if target and (target_value is None or target_value < 0):
            problems.append(f"the target “{target}” is not a number of 0 or more")
        if illustrative not in YES | NO:
            problems.append("write yes or no under Illustrative")
        if (indicator.pk, period) in seen:
            problems.append(f"{indicator} {period} appears twice")
        if problems:
            text = "; ".join(problems)
            plan.errors.append((line, text[0].upper() + text[1:] + "."))
            continue
        seen.add((indicator.pk, period))
        plan.rows.append(
            ValueRow(line, indicator, period, value, target_value, illustrative in YES)
        )
    return plan

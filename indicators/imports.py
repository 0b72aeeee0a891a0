"""Reading indicator values from a spreadsheet (CSV or XLSX) for a preview, then storing them.

Columns: Indicator, Period, Value, Target (optional), Illustrative (optional: yes/no). The period
is a month like 2025-01 for monthly indicators or a quarter like Q1 2025/26 for quarterly ones.
The file is read by ``sosafe.spreadsheets`` (caps, encodings, row numbers); every bad row is a
``Problem``; nothing is stored unless every row is good.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from indicators.models import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Indicator
from sosafe.bounds import decimal_max, decimal_too_large
from sosafe.models import Partnership
from sosafe.periods import Month, PeriodError, Quarter
from sosafe.spreadsheets import Preview, Problem, SpreadsheetError, Table, formula_problems

COLUMNS = ("Indicator", "Period", "Value", "Target", "Illustrative")
REQUIRED = ("Indicator", "Period", "Value")
YES = {"yes", "y", "true", "1", "illustrative"}
NO = {"", "no", "n", "false", "0"}
LARGEST = decimal_max(VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES)


@dataclass(frozen=True)
class ValueRow:
    line: int
    indicator: Indicator
    period: Month | Quarter
    value: Decimal
    target: Decimal | None
    illustrative: bool


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # Excel turns 2025-01 into a date
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number_problem(what: str, text: str, number: Decimal | None) -> str | None:
    if number is None or number < 0:
        return f"the {what} “{text}” is not a number of 0 or more"
    if decimal_too_large(number, VALUE_MAX_DIGITS, VALUE_DECIMAL_PLACES):
        return f"the {what} must be {LARGEST:,} or less: that is the largest the database holds"
    return None


def _period(indicator: Indicator, text: str) -> Month | Quarter:
    if indicator.is_monthly:
        return Month.parse(text)
    return Quarter.parse(text)


def plan_values(partnership: Partnership, table: Table) -> Preview:
    """Check every row of ``table`` against the partnership's indicators; writes nothing.
    Raises SpreadsheetError if the file does not name the columns."""
    missing = [c for c in REQUIRED if table.position(c) is None]
    if missing:
        raise SpreadsheetError(
            f"The first row must name the columns {', '.join(COLUMNS)}; "
            f"it has no {', '.join(missing)} column."
        )
    at = {c: table.position(c) for c in COLUMNS if table.position(c) is not None}
    known = {c.lower() for c in COLUMNS}
    formulas = formula_problems(table)
    indicators = {i.name.lower(): i for i in Indicator.objects.filter(partnership=partnership)}
    plan = Preview(
        row_count=len(table.rows),
        unused_columns=[h for h in table.headers if h and h.lower() not in known],
    )
    seen = set()
    for row in table.rows:
        cell = {c: _text(row.cells[i]) for c, i in at.items()}
        label = ", ".join(cell.values())
        if row.number in formulas:
            plan.problems.append(Problem(row.number, formulas[row.number], label))
            continue
        indicator = indicators.get(cell["Indicator"].lower())
        if indicator is None:
            message = f"No indicator called “{cell['Indicator']}”."
            plan.problems.append(Problem(row.number, [message], label))
            continue
        try:
            period = _period(indicator, cell["Period"])
        except PeriodError as exc:
            per = "month like 2025-01" if indicator.is_monthly else "quarter like Q1 2025/26"
            plan.problems.append(Problem(row.number, [f"{exc} {indicator} needs a {per}."], label))
            continue
        value, target = _decimal(cell["Value"]), cell.get("Target", "")
        target_value = _decimal(target) if target else None
        illustrative = cell.get("Illustrative", "").lower()
        problems = [_number_problem("value", cell["Value"], value)]
        if target:
            problems.append(_number_problem("target", target, target_value))
        if illustrative not in YES | NO:
            problems.append("write yes or no under Illustrative")
        if (indicator.pk, period) in seen:
            problems.append(f"{indicator} {period} appears twice")
        problems = [p for p in problems if p]
        if problems:
            text = "; ".join(problems)
            plan.problems.append(Problem(row.number, [text[0].upper() + text[1:] + "."], label))
            continue
        seen.add((indicator.pk, period))
        plan.rows.append(
            ValueRow(row.number, indicator, period, value, target_value, illustrative in YES)
        )
    return plan

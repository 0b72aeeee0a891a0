"""Spreadsheets out: CSV and XLSX with every text cell kept as text.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as
a formula when the file is opened in a spreadsheet program (CSV/formula injection). Every text
cell goes through :func:`neutralise` on its way out: in CSV it gets a leading apostrophe (the
convention spreadsheet programs read as "this is text"); in XLSX the cell is written as a
string with Excel's quote-prefix flag, so the text is kept exactly as typed and shown as text.
Numbers, dates and ``Decimal`` amounts stay numbers.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
_BAD_TITLE_CHARACTERS = re.compile(r"[\[\]:*?/\\]")

Value = str | int | float | Decimal | datetime.date | None


@dataclass
class Sheet:
    """One table: a title (the XLSX tab), the column names and the rows of cell values."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Value]]


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(value: Value) -> Value:
    """The value as a CSV cell: text that a spreadsheet would run gets a leading apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _csv_cell(value: Value) -> Value:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """The sheet as CSV in UTF-8 with a byte-order mark (so Excel reads £ and accents)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([_csv_cell(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def sheet_title(title: str, taken: set[str]) -> str:
    """An XLSX tab name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _BAD_TITLE_CHARACTERS.sub("-", title).strip("'") or "Sheet"
    name, number = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _xlsx_cell(worksheet, value: Value, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "yes" if value else ""
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str) and value:
        # openpyxl marks text beginning "=" as a formula; say plainly that it is text.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one XLSX workbook, a tab each, header row in bold and frozen."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title, taken))
        worksheet.freeze_panes = "A2"
        worksheet.append([_xlsx_cell(worksheet, h, bold=True) for h in sheet.headers])
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, v) for v in row])
    if not sheets:
        workbook.create_sheet("Sheet")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _attachment(content: bytes, filename: str, extension: str) -> HttpResponse:
    if not filename.lower().endswith(f".{extension}"):
        filename = f"{filename}.{extension}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, sheet: Sheet) -> HttpResponse:
    return _attachment(csv_bytes(sheet), filename, "csv")


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return _attachment(xlsx_bytes(sheets), filename, "xlsx")


def download(filename: str, file_format: str, sheet: Sheet) -> HttpResponse:
    """One sheet as ``csv`` or ``xlsx`` (the format a URL asked for); 404 for anything else."""
    if file_format == "csv":
        return csv_response(filename, sheet)
    if file_format == "xlsx":
        return xlsx_response(filename, [sheet])
    raise Http404("Exports are CSV or XLSX.")

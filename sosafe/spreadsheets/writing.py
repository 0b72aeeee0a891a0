"""Spreadsheets out: CSV and XLSX with every text cell kept as text.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as
a formula when the file is opened in a spreadsheet program (CSV/formula injection). Every text
cell goes through :func:`neutralise` on its way out: in CSV it gets a leading apostrophe (the
convention spreadsheet programs read as "this is text"); in XLSX the cell is written as a
string with Excel's quote-prefix flag, so the text is kept exactly as typed and shown as text.
Numbers, dates and ``Decimal`` amounts stay numbers.

A sheet may also carry a title row above its column names (``caption``), rows that head a group
(``Heading``), drop-down lists for columns (``Choices``: XLSX data validation), column widths,
and, for a workbook that is filled in and uploaded again, the columns a person may change
(``editable``: the XLSX sheet is protected without a password, everything else locked).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
_BAD_TITLE_CHARACTERS = re.compile(r"[\[\]:*?/\\]")

Value = str | int | float | Decimal | datetime.date | None


@dataclass(frozen=True)
class Heading:
    """A row that heads the rows under it (e.g. a theme): its text in the first cell, in bold."""

    text: str


@dataclass(frozen=True)
class Choices:
    """A column whose cells are picked from a list (an XLSX drop-down that refuses other text)."""

    column: str
    values: tuple[str, ...]
    prompt: str = ""


@dataclass
class Sheet:
    """One table: a title (the XLSX tab), the column names and the rows of cell values.

    The rest is optional: ``caption`` is a title row above the column names; rows may be
    ``Heading``s; ``choices`` drop-down lists; ``widths`` column widths (those columns' text
    wraps); ``editable`` the columns a person fills in (the sheet is then protected, without a
    password, and every other cell is locked); ``shaded`` columns are greyed.
    """

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Value] | Heading]
    caption: str = ""
    choices: Sequence[Choices] = ()
    widths: Mapping[str, float] = field(default_factory=dict)
    editable: Sequence[str] = ()
    shaded: Sequence[str] = ()


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
    if sheet.caption:
        writer.writerow([_csv_cell(sheet.caption)])
    writer.writerow([_csv_cell(h) for h in sheet.headers])
    for row in sheet.rows:
        if isinstance(row, Heading):
            row = [row.text]
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


_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")
_SHADE = PatternFill("solid", fgColor="EEEEEE")


def _xlsx_cell(
    worksheet,
    value: Value,
    *,
    bold: bool = False,
    unlocked: bool = False,
    wrap: bool = False,
    shaded: bool = False,
) -> WriteOnlyCell:
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
    if unlocked:
        cell.protection = _UNLOCKED
    if wrap:
        cell.alignment = _WRAP
    if shaded:
        cell.fill = _SHADE
    return cell


def _names(headers: list[str], width: int) -> list[str]:
    return (headers + [""] * width)[:width]


def _write_sheet(worksheet, sheet: Sheet) -> None:
    headers = list(sheet.headers)
    letters = {name: get_column_letter(i) for i, name in enumerate(headers, start=1)}
    header_row = 2 if sheet.caption else 1
    worksheet.freeze_panes = f"A{header_row + 1}"
    for name, width in sheet.widths.items():
        worksheet.column_dimensions[letters[name]].width = width
    if sheet.caption:
        caption = _xlsx_cell(worksheet, sheet.caption, bold=True)
        caption.font = Font(bold=True, size=14)
        worksheet.append([caption])
    worksheet.append(
        [_xlsx_cell(worksheet, h, bold=True, shaded=h in sheet.shaded) for h in headers]
    )
    editable, wrapped, shaded = set(sheet.editable), set(sheet.widths), set(sheet.shaded)
    last = header_row
    for row in sheet.rows:
        last += 1
        if isinstance(row, Heading):
            worksheet.append([_xlsx_cell(worksheet, row.text, bold=True)])
            continue
        worksheet.append(
            [
                _xlsx_cell(
                    worksheet,
                    value,
                    unlocked=name in editable,
                    wrap=name in wrapped,
                    shaded=name in shaded,
                )
                for name, value in zip(_names(headers, len(row)), row, strict=True)
            ]
        )
    for choice in sheet.choices:
        if last == header_row:
            break
        listed = ",".join(value.replace(",", " ") for value in choice.values)
        validation = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=choice.column,
            error=f"Choose one of: {', '.join(choice.values)}.",
            showInputMessage=bool(choice.prompt),
            promptTitle=choice.column if choice.prompt else None,
            prompt=choice.prompt or None,
        )
        letter = letters[choice.column]
        validation.add(f"{letter}{header_row + 1}:{letter}{last}")
        worksheet.data_validations.append(validation)
    if sheet.editable:
        worksheet.protection.sheet = True
        # Resizing columns and rows stays allowed: only the cells' contents are locked.
        worksheet.protection.formatColumns = False
        worksheet.protection.formatRows = False


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one XLSX workbook, a tab each, column names in bold and frozen."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet_title(sheet.title, taken)), sheet)
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

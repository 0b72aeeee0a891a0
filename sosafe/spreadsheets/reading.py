"""Spreadsheets in: a CSV or XLSX upload as a header and rows, each row keeping the number the
spreadsheet shows for it (the column names are row 1; blank rows are skipped but counted).

Caps (settings): the file's size, the number of rows, and for XLSX the size of the zip's
members before anything is unpacked, so a small file cannot unpack to gigabytes. CSV is read as
UTF-8 (with or without a byte-order mark), else as Windows-1252 (Excel's "CSV" on Windows).
An XLSX cell holding a formula is reported, not evaluated: the import takes values only.

``read_table`` reads one table whose first row names the columns (the active sheet).
``read_sheets`` reads every sheet of a workbook as it is laid out (titles, several tables,
merged cells), for an import that finds its own tables, such as the action plan's appendix.
"""

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings

from sosafe.spreadsheets.writing import FORMULA_STARTS

FORMATS = ("csv", "xlsx")


class SpreadsheetError(ValueError):
    """The upload as a whole cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            max_bytes=settings.SPREADSHEET_MAX_BYTES,
            max_rows=settings.SPREADSHEET_MAX_ROWS,
            max_unpacked_bytes=settings.SPREADSHEET_MAX_UNPACKED_BYTES,
        )


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    cells: list  # one value per named column
    formulas: list[str] = field(default_factory=list)  # columns whose cell is a formula
    overflow: bool = False  # values to the right of the last named column
    merged: frozenset[int] = frozenset()  # positions whose value is a merged cell's from above


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]

    def position(self, name: str) -> int | None:
        wanted = name.lower()
        for index, header in enumerate(self.headers):
            if header.lower() == wanted:
                return index
        return None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def file_format(filename: str) -> str:
    """ "csv" or "xlsx" from the file's name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise SpreadsheetError(
            "Upload a .csv or .xlsx file. In Excel: File › Save As, then Excel Workbook or CSV."
        )
    return extension


def check_size(size: int, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if size > limits.max_bytes:
        raise SpreadsheetError(
            f"The file is larger than {megabytes(limits.max_bytes)}; split it into smaller files."
        )


HEADER_SEARCH_ROWS = 10  # how far down a file with a title row may hold its column names


def _header_names(cells) -> list[str]:
    headers = [" ".join(str(c if c is not None else "").split()) for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def read_table(
    content: bytes, fmt: str, limits: Limits | None = None, *, header: Sequence[str] = ()
) -> Table:
    """The file's column names and rows. The column names are row 1, or, with ``header``, the
    first row (of the first ten) that names all of those columns: the rows above it, such as
    a title, are skipped."""
    limits = limits or Limits.from_settings()
    check_size(len(content), limits)
    raw_rows = enumerate(
        _xlsx_rows(content, limits) if fmt == "xlsx" else _csv_rows(content), start=1
    )
    wanted = {name.lower() for name in header}
    for header_number, (header_cells, _) in raw_rows:
        headers = _header_names(header_cells)
        if not wanted or wanted <= {name.lower() for name in headers}:
            break
        if header_number == HEADER_SEARCH_ROWS:
            raise _no_header(header)
    else:
        if wanted:
            raise _no_header(header)
        raise SpreadsheetError("The file is empty.")
    if not headers:
        raise SpreadsheetError("The first row must hold the column names, as in the export.")
    width = len(headers)
    rows = []
    for number, (cells, formula_positions) in raw_rows:
        if all(_blank(value) for value in cells):
            continue
        if len(rows) == limits.max_rows:
            raise SpreadsheetError(
                f"The file has more than {limits.max_rows:,} rows; split it into smaller files."
            )
        padded = (list(cells) + [None] * width)[:width]
        rows.append(
            Row(
                number=number,
                cells=padded,
                formulas=[headers[i] or f"column {i + 1}" for i in formula_positions if i < width],
                overflow=any(not _blank(value) for value in cells[width:]),
            )
        )
    return Table(headers, rows)


def _no_header(header: Sequence[str]) -> SpreadsheetError:
    return SpreadsheetError(
        f"No row near the top of the file names the columns {', '.join(header)}: "
        "upload the workbook as the portal exported it, keeping its column names."
    )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            "The file is not text; save it as CSV (UTF-8) or as .xlsx."
        ) from None


def _unmark(value: str) -> str:
    # The portal's own CSV exports write text like "=x" as "'=x"; read it back as typed.
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _csv_rows(content: bytes):
    text = _decode(content)
    if "\x00" in text:
        raise SpreadsheetError("The file is not a CSV file; save it as CSV (UTF-8) or as .xlsx.")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SpreadsheetError(f"The file could not be read as CSV: {exc}.") from exc
    for row in rows:
        yield [_unmark(value) for value in row], []


def _xlsx_rows(content: bytes, limits: Limits):
    workbook = _open_workbook(content, limits, read_only=True)
    try:
        for cells in workbook.active.iter_rows():
            values, formulas = [], []
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    formulas.append(index)
                values.append(cell.value)
            yield values, formulas
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise SpreadsheetError("The XLSX file could not be read as an Excel workbook.") from exc
    finally:
        workbook.close()


@dataclass
class SheetRows:
    """One sheet as laid out: every non-blank row with all its cells (no header assumed)."""

    title: str  # the XLSX tab's name; empty for a CSV file
    rows: list[Row]


def read_sheets(content: bytes, fmt: str, limits: Limits | None = None) -> list[SheetRows]:
    """Every sheet in the workbook's order (a CSV file is one untitled sheet), within the caps
    (the row cap counts the rows of all sheets). A cell covered by a merged range below its
    first row holds the range's value and its position is in ``Row.merged``; cells of a range
    to the right of its first column stay empty."""
    limits = limits or Limits.from_settings()
    check_size(len(content), limits)
    if fmt == "xlsx":
        sheets = _xlsx_sheets(content, limits)
    else:
        sheets = [("", ((cells, [], frozenset()) for cells in _csv_cells(content)))]
    result, count = [], 0
    for title, raw_rows in sheets:
        rows = []
        for number, (cells, formula_positions, merged) in enumerate(raw_rows, start=1):
            cells = list(cells)
            while cells and _blank(cells[-1]):
                cells.pop()
            if not cells:
                continue
            count += 1
            if count > limits.max_rows:
                raise SpreadsheetError(
                    f"The file has more than {limits.max_rows:,} rows; split it into smaller files."
                )
            rows.append(Row(number=number, cells=cells, formulas=formula_positions, merged=merged))
        result.append(SheetRows(title, rows))
    return result


def _csv_cells(content: bytes):
    for cells, _ in _csv_rows(content):
        yield cells


def _open_workbook(content: bytes, limits: Limits, *, read_only: bool):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise SpreadsheetError("The XLSX file could not be read as an Excel workbook.") from None
    if unpacked > limits.max_unpacked_bytes:
        raise SpreadsheetError(
            f"The XLSX file unpacks to more than {megabytes(limits.max_unpacked_bytes)}; "
            "split it into smaller files or save it as CSV."
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=read_only, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpreadsheetError("The XLSX file could not be read as an Excel workbook.") from exc


def _xlsx_sheets(content: bytes, limits: Limits) -> list:
    # Not read-only: merged ranges are only known to a fully loaded workbook (within the
    # unpacked-size cap checked first).
    workbook = _open_workbook(content, limits, read_only=False)
    try:
        return [(ws.title, _worksheet_rows(ws)) for ws in workbook.worksheets]
    except Exception as exc:
        raise SpreadsheetError("The XLSX file could not be read as an Excel workbook.") from exc
    finally:
        workbook.close()


def _worksheet_rows(worksheet) -> list:
    filled: dict[tuple[int, int], object] = {}
    for merged_range in worksheet.merged_cells.ranges:
        value = worksheet.cell(merged_range.min_row, merged_range.min_col).value
        for row in range(merged_range.min_row + 1, merged_range.max_row + 1):
            filled[(row, merged_range.min_col)] = value
    rows = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values, formulas, merged = [], [], set()
        for index, cell in enumerate(cells):
            if (number, index + 1) in filled:
                merged.add(index)
                values.append(filled[(number, index + 1)])
                continue
            if getattr(cell, "data_type", None) == "f":
                formulas.append(f"column {cell.column_letter}")
            values.append(cell.value)
        rows.append((values, formulas, frozenset(merged)))
    return rows

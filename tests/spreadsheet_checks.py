"""Reading exported spreadsheets back as a spreadsheet program would, to prove no user text
became a live formula."""

import csv
import io
import re

import openpyxl

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def xlsx_texts(content: bytes) -> list[str]:
    """Every text cell of every sheet; fails on any formula cell."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    texts = []
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"live formula in {worksheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def csv_texts(content: bytes) -> list[str]:
    """Every cell of the CSV; fails on any text cell a spreadsheet program would run."""
    text = content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    for cell in cells:
        # A negative number is a number, not a formula.
        if not NUMBER.fullmatch(cell):
            assert not cell.startswith(FORMULA_STARTS), f"live formula in CSV cell {cell!r}"
    return cells


def assert_kept_as_text(content: bytes, file_format: str, expected: list[str]) -> None:
    """No live formula anywhere, and each expected text is in the file (XLSX: exactly; CSV:
    behind the apostrophe that marks it as text)."""
    if file_format == "xlsx":
        texts = xlsx_texts(content)
        for value in expected:
            value = value.replace("\r", "\n")  # XML reads a carriage return as a line feed
            assert any(value in text for text in texts), f"{value!r} missing from the XLSX"
    else:
        cells = csv_texts(content)
        for value in expected:
            assert any(value in cell for cell in cells), f"{value!r} missing from the CSV"

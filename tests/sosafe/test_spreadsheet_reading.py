"""The shared reader: caps, encodings, sheet row numbers, formulas; every sheet as laid out."""

import io
import zipfile

import openpyxl
import pytest
from django.test import override_settings

from sosafe.spreadsheets import SpreadsheetError, read_sheets, read_table
from sosafe.spreadsheets.reading import Limits, file_format

LIMITS = Limits(max_bytes=10_000, max_rows=5, max_unpacked_bytes=50_000)


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_row_numbers_are_the_sheets_with_blank_rows_counted():
    table = read_table(b"name,count\r\na,1\r\n\r\n,\r\nb,2\r\n", "csv")
    assert table.headers == ["name", "count"]
    assert [(row.number, row.cells) for row in table.rows] == [(2, ["a", "1"]), (5, ["b", "2"])]
    book = xlsx([["name", "count"], ["a", 1], [None, None], ["b", 2]])
    assert [row.number for row in read_table(book, "xlsx").rows] == [2, 4]


@pytest.mark.parametrize(
    "content",
    [
        "name\r\nCafé £5\r\n".encode(),
        "\ufeffname\r\nCafé £5\r\n".encode(),
        "name\r\nCafé £5\r\n".encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_encodings(content):
    table = read_table(content, "csv")
    assert table.headers == ["name"]
    assert table.rows[0].cells == ["Café £5"]


def test_bytes_that_are_not_text_are_refused():
    with pytest.raises(SpreadsheetError, match="not a CSV file"):
        read_table(b"name\r\nx\x00y\r\n", "csv")
    with pytest.raises(SpreadsheetError, match="not text"):
        read_table(b"name\r\n\x81\x8d\r\n", "csv")


def test_the_file_size_is_capped():
    read_table(b"name\r\n" + b"x" * 9_000 + b"\r\n", "csv", LIMITS)
    with pytest.raises(SpreadsheetError, match="larger than"):
        read_table(b"name\r\n" + b"x" * 10_001 + b"\r\n", "csv", LIMITS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_are_capped(fmt):
    def content(count):
        rows = [["name"], *[[f"row {n}"] for n in range(count)]]
        return xlsx(rows) if fmt == "xlsx" else "\r\n".join(r[0] for r in rows).encode()

    assert len(read_table(content(5), fmt, LIMITS).rows) == 5
    with pytest.raises(SpreadsheetError, match="more than 5 rows"):
        read_table(content(6), fmt, LIMITS)


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_opened():
    # A small file (deflated) whose members unpack to far more than the cap.
    book = xlsx([["name"], ["x"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/padding.bin", b"\0" * 200_000)
    assert len(out.getvalue()) < LIMITS.max_bytes
    with pytest.raises(SpreadsheetError, match="unpacks to more than"):
        read_table(out.getvalue(), "xlsx", LIMITS)


@override_settings(SPREADSHEET_MAX_ROWS=2)
def test_the_caps_come_from_the_settings():
    with pytest.raises(SpreadsheetError, match="more than 2 rows"):
        read_table(b"name\r\na\r\nb\r\nc\r\n", "csv")


def test_xlsx_formulas_are_reported_not_evaluated():
    table = read_table(xlsx([["name", "count"], ['=HYPERLINK("http://x","y")', 1]]), "xlsx")
    assert table.rows[0].formulas == ["name"]


def test_the_portals_own_csv_marks_are_read_back_as_typed():
    table = read_table(b"name\r\n'=1+1\r\n'plain\r\n", "csv")
    assert [row.cells[0] for row in table.rows] == ["=1+1", "'plain"]


def test_only_csv_and_xlsx_names_are_accepted():
    assert file_format("Counts.XLSX") == "xlsx"
    with pytest.raises(SpreadsheetError, match="Upload a .csv or .xlsx file"):
        file_format("counts.xls")


def test_an_empty_file_or_headerless_file_is_refused():
    with pytest.raises(SpreadsheetError, match="empty"):
        read_table(b"", "csv")
    with pytest.raises(SpreadsheetError, match="column names"):
        read_table(b",,\r\na,b,c\r\n", "csv")


def test_a_named_header_may_sit_below_a_title_row():
    content = xlsx([["A title"], [], ["Aim", "Action", "Notes"], ["1.1", "a)", None], ["x"]])
    table = read_table(content, "xlsx", header=("aim", "Action"))
    assert table.headers == ["Aim", "Action", "Notes"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (4, ["1.1", "a)", None]),
        (5, ["x", None, None]),
    ]
    with pytest.raises(SpreadsheetError, match="No row near the top of the file names"):
        read_table(content, "xlsx", header=("Aim", "Lead"))
    late = xlsx([[f"note {n}"] for n in range(10)] + [["Aim", "Action"]])
    with pytest.raises(SpreadsheetError, match="names the columns Aim, Action"):
        read_table(late, "xlsx", header=("Aim", "Action"))


def test_read_sheets_reads_every_sheet_as_laid_out_with_merged_cells_filled_down():
    book = openpyxl.Workbook()
    plan = book.active
    plan.title = "Plan"
    for row in [["Action plan"], [], ["Aim", "Action"], ["1.1 Aim", "a) One"], [None, "b) Two"]]:
        plan.append(row)
    plan.merge_cells("A4:A5")  # down: the value repeats below, marked as merged
    plan.merge_cells("A1:B1")  # across: the cell to the right stays empty
    plan["B4"] = "=1+1"
    book.create_sheet("Glossary").append(["ASB", "Anti-social behaviour"])
    out = io.BytesIO()
    book.save(out)
    sheets = read_sheets(out.getvalue(), "xlsx")
    assert [sheet.title for sheet in sheets] == ["Plan", "Glossary"]
    rows = sheets[0].rows
    assert [(row.number, row.cells) for row in rows] == [
        (1, ["Action plan"]),
        (3, ["Aim", "Action"]),
        (4, ["1.1 Aim", "=1+1"]),
        (5, ["1.1 Aim", "b) Two"]),
    ]
    assert rows[3].merged == {0} and rows[2].merged == frozenset()
    assert rows[2].formulas == ["column B"]
    csv_sheets = read_sheets(b"Title\r\n\r\nAim,Action\r\n", "csv")
    assert [(s.title, [r.number for r in s.rows]) for s in csv_sheets] == [("", [1, 3])]


def test_read_sheets_caps_the_rows_of_all_sheets_together():
    book = openpyxl.Workbook()
    book.active.append(["a"])
    for n in range(2):
        sheet = book.create_sheet(f"S{n}")
        for _ in range(3):
            sheet.append(["x"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetError, match="more than 5 rows"):
        read_sheets(out.getvalue(), "xlsx", LIMITS)

"""The shared spreadsheet writers: text stays text, numbers stay numbers."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404

from sosafe.spreadsheets import Sheet, csv_bytes, download, xlsx_bytes, xlsx_response
from tests.spreadsheet_checks import HOSTILE, assert_kept_as_text


def hostile_sheet() -> Sheet:
    return Sheet(
        "Bids: 2024/25 [draft]",
        ["name", "=header", "amount", "when"],
        [[text, text, Decimal("-12.50"), datetime.date(2025, 4, 1)] for text in HOSTILE],
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_text_that_would_run_is_written_as_text(file_format):
    content = csv_bytes(hostile_sheet()) if file_format == "csv" else xlsx_bytes([hostile_sheet()])
    assert_kept_as_text(content, file_format, [*HOSTILE, "=header"])


def test_xlsx_keeps_the_text_exactly_and_numbers_as_numbers():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([hostile_sheet()])))
    (worksheet,) = workbook.worksheets
    assert worksheet.title == "Bids- 2024-25 -draft-"
    rows = list(worksheet.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == [text.replace("\r", "\n") for text in HOSTILE]
    assert all(row[0].quotePrefix for row in rows)
    assert rows[0][2].value == Decimal("-12.50") or rows[0][2].value == -12.5
    assert rows[0][2].data_type == "n"
    assert rows[0][3].value == datetime.datetime(2025, 4, 1)


def test_csv_marks_text_with_an_apostrophe_and_starts_with_a_byte_order_mark():
    content = csv_bytes(Sheet("x", ["name"], [["=1+1"], ["plain"], [-1], ["£5"]]))
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines() == ["name", "'=1+1", "plain", "-1", "£5"]


def test_tab_names_are_unique_and_short():
    content = xlsx_bytes([Sheet("A" * 40, ["h"], []), Sheet("a" * 40, ["h"], [])])
    names = openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    assert names == ["A" * 31, "a" * 27 + " (2)"]


def test_responses_are_attachments_and_other_formats_are_404():
    response = xlsx_response("bids", [hostile_sheet()])
    assert response["Content-Disposition"] == 'attachment; filename="bids.xlsx"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download("bids.csv", "csv", hostile_sheet())["Content-Type"].startswith("text/csv")
    with pytest.raises(Http404):
        download("bids", "pdf", hostile_sheet())


def test_a_sheet_may_have_a_title_headings_drop_downs_and_locked_columns():
    from sosafe.spreadsheets import Choices, Heading

    sheet = Sheet(
        "Plan",
        ["Action", "Status", "Ref"],
        [Heading("=1. Theme"), ["a) Do it", "On track", "A1"], ["b) +more", None, "A2"]],
        caption="The plan",
        choices=[Choices("Status", ("On track", "At risk"), "Pick one")],
        widths={"Action": 40},
        editable=["Status"],
        shaded=["Ref"],
    )
    content = xlsx_bytes([sheet])
    assert_kept_as_text(content, "xlsx", ["=1. Theme", "b) +more"])
    worksheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert [[c.value for c in row] for row in worksheet.iter_rows()] == [
        ["The plan", None, None],
        ["Action", "Status", "Ref"],
        ["=1. Theme", None, None],
        ["a) Do it", "On track", "A1"],
        ["b) +more", None, "A2"],
    ]
    assert worksheet.freeze_panes == "A3"
    (validation,) = worksheet.data_validations.dataValidation
    assert (str(validation.sqref), validation.formula1) == ("B3:B5", '"On track,At risk"')
    assert worksheet.protection.sheet and not worksheet.protection.formatColumns
    assert not worksheet["B5"].protection.locked and worksheet["A4"].protection.locked
    assert worksheet.column_dimensions["A"].width == 40
    assert csv_bytes(sheet).decode("utf-8-sig").splitlines()[:3] == [
        "The plan",
        "Action,Status,Ref",
        "'=1. Theme",
    ]

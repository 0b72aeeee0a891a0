"""An officer downloads My actions, fills it in offline, uploads it, fixes a refused row,
sees the preview and confirms; the upload page, the preview and the error states pass axe."""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from actionplan.models import Action, ProgressUpdate
from tests.browser.conftest import assert_accessible, assert_reflows, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def _check(page) -> None:
    """axe at desktop width, then the page reflows at 320px and passes axe there too."""
    assert_accessible(page)
    assert_reflows(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def _fill(path, out, **by_reference):
    """Write each row's quarter cells (Status, Narrative, Save as) into a copy of the file."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    rows = {
        sheet.cell(row, headers.index("Reference") + 1).value: row
        for row in range(3, sheet.max_row + 1)
    }
    for reference, cells in by_reference.items():
        for name, value in cells.items():
            sheet.cell(rows[reference], headers.index(name) + 1).value = value
    book.save(out)
    return rows


def test_officer_fills_in_my_actions_offline_and_uploads_it(page, live_server, demo, tmp_path):
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/my-actions/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download My actions as a spreadsheet (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == "sosafe-my-actions.xlsx"
    downloaded = tmp_path / download.suggested_filename
    download.save_as(downloaded)
    sheet = openpyxl.load_workbook(downloaded).worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    references = [
        sheet.cell(row, headers.index("Reference") + 1).value
        for row in range(3, sheet.max_row + 1)
        if sheet.cell(row, headers.index("Reference") + 1).value
    ]
    first, second = references[:2]
    action = Action.objects.get(pk=int(first[1:].split("-")[0]))

    page.get_by_role("link", name="upload it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload your progress updates")
    _check(page)
    page.get_by_role("button", name="Check the file").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    bad = tmp_path / "my-actions-bad.xlsx"
    rows = _fill(
        downloaded,
        bad,
        **{
            first: {"Status": "At risk", "Narrative": "Venue lost for March.", "Save as": "Draft"},
            second: {"Status": "Fine"},
        },
    )
    label = "Your filled-in copy of My actions (Excel .xlsx)"
    page.get_by_label(label).set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text(f"Row {rows[second]}")
    expect(page.get_by_role("alert")).to_contain_text("“Fine” is not one of")
    expect(page.get_by_role("button", name="Save these updates")).to_have_count(0)
    _check(page)
    assert ProgressUpdate.objects.get(action=action, quarter=4).narrative != "Venue lost for March."

    page.get_by_role("link", name="Upload the corrected file").click()
    good = tmp_path / "my-actions.xlsx"
    _fill(
        downloaded,
        good,
        **{first: {"Status": "At risk", "Narrative": "Venue lost for March.", "Save as": "Draft"}},
    )
    page.get_by_label(label).set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your updates before saving")
    table = page.get_by_role("table", name="The updates that will be saved")
    expect(table).to_contain_text("Venue lost for March.")
    expect(table).to_contain_text("At risk")
    _check(page)
    page.get_by_role("button", name="Save these updates").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.get_by_role("status")).to_contain_text("0 updates submitted, 1 saved as draft")
    update = ProgressUpdate.objects.get(action=action, quarter=4)
    assert (update.status, update.narrative) == ("at_risk", "Venue lost for March.")
    assert update.state == ProgressUpdate.State.DRAFT

"""A coordinator reads the indicators, enters values (fixing an error), sets up the area and
imports a police.uk file; every indicator page, and each form in its error state, passes axe."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Indicator, IndicatorValue
from sosafe.models import Partnership
from tests.browser.conftest import assert_accessible, sign_in
from tests.indicators.crime_files import crime_csv, crime_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    return Partnership.objects.get(slug="sosafe")


def test_coordinator_reads_enters_and_imports(page, live_server, demo, tmp_path):
    base = f"{live_server.url}/p/sosafe/indicators"
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{base}/")
    page.get_by_label("Quarter", exact=True).select_option(label="Q3 2017/18 (Oct–Dec 2017)")
    page.get_by_role("button", name="Show").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Robbery"))
    expect(row).to_contain_text("-7 (-17.1%)")
    expect(row).to_contain_text("Improving")
    expect(page.get_by_text("marks a figure that is not measured")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="All ASB").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("All ASB")
    expect(page.get_by_role("img", name=re.compile("All ASB by month"))).to_be_visible()
    assert_accessible(page)

    asb = Indicator.objects.get(partnership=demo, name="All ASB")
    page.goto(f"{base}/{asb.pk}/values/2026-27/")
    page.get_by_label("Apr 2026 value").fill("250")
    page.get_by_label("May 2026 value").fill("2x0")
    page.get_by_label("Jun 2026 target").fill("240")
    page.get_by_role("button", name="Save the values").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert").filter(has_text="to fix")
    expect(summary).to_contain_text("May 2026 value: Enter a number.")
    expect(summary).to_contain_text("Jun 2026 value: Enter the value too, or clear the target.")
    expect(page.get_by_label("Apr 2026 value")).to_have_value("250")
    expect(page.get_by_label("May 2026 value")).to_have_value("2x0")
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("May 2026 value")).click()
    expect(page.get_by_label("May 2026 value")).to_be_focused()
    page.get_by_label("May 2026 value").fill("240")
    page.get_by_label("Jun 2026 target").fill("")
    page.get_by_role("button", name="Save the values").click()
    expect(page.get_by_role("status")).to_contain_text("2 periods changed")
    assert IndicatorValue.objects.filter(indicator=asb, year=2026).count() == 2

    page.goto(f"{base}/new/")
    page.get_by_role("button", name="Save the indicator").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    page.goto(f"{base}/area/")
    expect(page.get_by_label("LSOA name prefix")).to_have_value("Stevenage")
    page.get_by_label("LSOA codes").fill("not-a-code")
    page.get_by_role("button", name="Save the area").click()
    expect(page.get_by_role("alert")).to_contain_text("These are not LSOA codes")
    assert_accessible(page)

    page.goto(f"{base}/crime/import/")
    bad = tmp_path / "people.csv"
    bad.write_bytes(b"Name,Address\nA,B\n")
    page.get_by_label("police.uk street-level files").set_input_files(str(bad))
    page.get_by_role("button", name="Check the files").click()
    expect(page.get_by_role("alert")).to_contain_text("not a police.uk street-level crime file")
    assert_accessible(page)
    good = tmp_path / "2026-01-hertfordshire-street.csv"
    good.write_bytes(
        crime_csv(
            [
                crime_row("2026-01", "Burglary", "E01023700", "Stevenage 001A"),
                crime_row("2026-01", "Burglary", "E01023800", "North Hertfordshire 001A"),
            ]
        )
    )
    page.get_by_label("police.uk street-level files").set_input_files(str(good))
    page.get_by_role("button", name="Check the files").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the crime counts before importing"
    )
    expect(page.get_by_text("1 outside it")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import these counts").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Imported police.uk crime counts for Jan 2026"
    )
    assert IndicatorValue.objects.get(indicator__police_crime_type="Burglary").value == 1


def test_rag_member_reads_and_scrutiny_does_not_see(page, live_server, demo):
    sign_in(page, live_server, "rag", "sosafe-demo")
    page.get_by_role("link", name="Indicators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance indicators")
    expect(page.get_by_role("link", name="New indicator")).to_have_count(0)
    page.get_by_label("Quarter", exact=True).select_option(label="Q3 2025/26 (Oct–Dec 2025)")
    page.get_by_role("button", name="Show").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Knives seized"))
    expect(row).to_contain_text("Q3 2025/26")
    assert_accessible(page)


def test_values_import_pages_pass_axe(page, live_server, demo, tmp_path):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/indicators/")
    page.get_by_role("link", name="Import values from a spreadsheet").click()
    page.get_by_role("button", name="Check the file").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    upload = tmp_path / "values.csv"
    upload.write_text("Indicator,Period,Value\nArrests,Q4 2025/26,12\nRobbery,2026-01,x\n")
    page.get_by_label("Spreadsheet of values (CSV or XLSX)").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert")).to_contain_text("Row 3:")
    expect(page.get_by_role("button", name="Import these values")).to_have_count(0)
    assert_accessible(page)

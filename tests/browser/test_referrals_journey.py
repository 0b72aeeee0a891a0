import re

import pytest
from playwright.sync_api import expect

from referrals.models import ReferralReturn, Service
from sosafe.models import Partnership
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPTY_QUARTER = "Q4 2025/26"  # the demo spreads 2025/26 over Q1–Q3 only


@pytest.fixture
def demo(demo):
    return Partnership.objects.get(slug="sosafe")


def test_officer_fixes_a_bad_cell_and_the_trend_shows_the_new_figure(page, live_server, demo):
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/referrals/entry/")
    page.get_by_label("Quarter", exact=True).select_option(value=EMPTY_QUARTER)
    page.get_by_role("button", name="Show quarter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(EMPTY_QUARTER)
    assert_accessible(page)

    page.get_by_label(f"SADA Service: referrals in {EMPTY_QUARTER}", exact=True).fill("320")
    page.get_by_label(f"ASB: referrals in {EMPTY_QUARTER}", exact=True).fill("6O")
    page.get_by_label(f"No More Service: referrals in {EMPTY_QUARTER}", exact=True).fill("51")
    page.get_by_role("button", name=f"Save counts for {EMPTY_QUARTER}").click()

    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_contain_text("ASB: Enter a whole number, like 12.")
    expect(
        page.get_by_label(f"SADA Service: referrals in {EMPTY_QUARTER}", exact=True)
    ).to_have_value("320")
    expect(
        page.get_by_label(f"No More Service: referrals in {EMPTY_QUARTER}", exact=True)
    ).to_have_value("51")
    asb = page.get_by_label(f"ASB: referrals in {EMPTY_QUARTER}", exact=True)
    expect(asb).to_have_value("6O")
    expect(asb).to_have_attribute("aria-invalid", "true")
    assert not ReferralReturn.objects.filter(year=2025, quarter=4).exists()
    assert_accessible(page)

    summary.get_by_role("link", name="ASB").click()
    expect(asb).to_be_focused()
    asb.fill("60")
    page.get_by_role("button", name=f"Save counts for {EMPTY_QUARTER}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Saved 3 counts for {EMPTY_QUARTER}.")
    assert ReferralReturn.objects.get(service__name="ASB", year=2025, quarter=4).total == 60

    page.get_by_role("link", name="SADA Service", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SADA Service")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2025/26")).first
    expect(row.get_by_role("cell").nth(3)).to_contain_text("320")
    expect(row.get_by_role("cell").nth(3)).not_to_contain_text("illustrative figure")
    expect(row.get_by_role("cell").nth(4)).to_contain_text("1236")  # 916 reported + 320
    expect(
        page.get_by_role("img", name=re.compile("SADA Service: referrals by quarter"))
    ).to_be_visible()
    assert_accessible(page)


def test_every_referrals_page_passes_axe(page, live_server, demo):
    sada = Service.objects.get(name="SADA Service")
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    base = f"{live_server.url}/p/sosafe/referrals"
    paths = [
        "/",
        "/?year=2017/18",
        "/public/?year=2025/26",
        f"/services/{sada.pk}/",
        f"/services/{Service.objects.get(name='Safe Space').pk}/",
        f"/services/{sada.pk}/edit/",
        "/services/new/",
        "/entry/?quarter=Q2 2025/26",
        f"/services/{sada.pk}/returns/2025-26/q2/",
        f"/services/{sada.pk}/returns/2025-26/q4/",
        "/import/",
    ]
    for path in paths:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)

    # The return page with errors in the breakdown.
    page.goto(f"{base}/services/{sada.pk}/returns/2025-26/q2/")
    page.get_by_label("Count", exact=True).fill("400")
    page.get_by_label("Count, row 6").fill("7")  # rows 1–4 hold the saved breakdown
    page.get_by_role("button", name="Save the count").click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Row 6, Referring agency: Choose the agency these referrals came from."
    )
    expect(page.locator("#id_sources-5-source-error")).to_be_visible()
    assert_accessible(page)

    # The import preview, with bad rows and then with a good file.
    for content, expected in (
        (b"service,year,quarter,source,count\nSADA Service,2025/27,Q1,total,-3\n", "1 row to fix"),
        (
            b"service,year,quarter,source,count\nSADA Service,2025/26,Q4,total,250\n",
            "Import 1 return",
        ),
    ):
        page.goto(f"{base}/import/")
        page.get_by_label("Spreadsheet of counts (CSV or XLSX)").set_input_files(
            files=[{"name": "counts.csv", "mimeType": "text/csv", "buffer": content}]
        )
        page.get_by_role("button", name="Check the file").click()
        expect(page.get_by_role("main")).to_contain_text(expected)
        assert_accessible(page)
    page.get_by_role("button", name="Import 1 return").click()
    expect(page.get_by_role("status")).to_contain_text("1 return saved")
    assert ReferralReturn.objects.get(service=sada, year=2025, quarter=4).total == 250


def test_scrutiny_reads_the_public_table_only(page, live_server, demo):
    sign_in(page, live_server, "scrutiny", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/referrals/public/?year=2025/26")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Referrals by service, 2025/26 (public)"
    )
    expect(page.get_by_role("main")).to_contain_text("illustrative figure")
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/p/sosafe/referrals/entry/")
    assert response.status == 403

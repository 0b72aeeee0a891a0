"""A coordinator writes the scrutiny paper's narrative and publishes it; a councillor on the
scrutiny committee downloads the PDF. Axe checks every page on the way, and the papers."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import PublishedPaper
from tests.browser.conftest import assert_accessible, sign_in
from tests.reports.conftest import paper_plan  # noqa: F401  (the hand-worked plan)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAPERS = "/p/sosafe-test/papers/"


@pytest.mark.usefixtures("paper_plan")
def test_coordinator_publishes_and_scrutiny_downloads(page, live_server, world):
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}{PAPERS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Papers")
    expect(page.get_by_text("No paper has been published yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Write the narrative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny paper narrative, 2024/25")
    page.get_by_label("Background").fill("The partnership met monthly.")
    page.get_by_role("button", name="Save the narrative").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Purpose: Write the paper's purpose.")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Background")).to_have_value("The partnership met monthly.")
    assert_accessible(page)

    page.get_by_label("Purpose").fill("To report the year's performance.")
    page.get_by_label("Recommendations").fill("That the committee notes the progress.")
    page.get_by_label(re.compile("Commentary on priority theme 1")).fill("Youth nuisance fell.")
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish:")
    expect(page.get_by_text("WRAP")).to_be_visible()  # used, not in the glossary
    assert_accessible(page)

    page.get_by_role("link", name="Read the paper before publishing it").click()
    expect(page.get_by_role("heading", level=2, name="1. Purpose")).to_be_visible()
    expect(page.get_by_text("Youth nuisance fell.")).to_be_visible()
    expect(page.get_by_text("Closed session disruption work")).to_have_count(0)
    assert_accessible(page)
    page.go_back()

    page.get_by_role("button", name="Publish this paper").click()
    expect(page.get_by_text(re.compile("^Published “"))).to_be_visible()
    published = PublishedPaper.objects.get()
    expect(page.get_by_role("cell", name=published.sha256)).to_be_visible()
    assert_accessible(page)

    for kind, period in (("rag", "2024-25-Q2"), ("jag", "2024-25-Q3"), ("pcc", "2024-25")):
        page.goto(f"{live_server.url}{PAPERS}{kind}/{period}.html")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}{PAPERS}")
    expect(page.get_by_role("heading", name="Papers from the working data")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^PDF")).click()
    path = download_info.value.path()
    with open(path, "rb") as downloaded, published.pdf.open("rb") as stored:
        assert downloaded.read() == stored.read()

"""A coordinator records a bid, wins it, spends some of it, and the year's summary follows."""

import re

import pytest
from django.db.models import F
from playwright.sync_api import expect

from funding.models import Funder, FundingBid, Spend
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/p/sosafe/funding"


def summary_figure(page, element_id: str) -> str:
    return page.locator(f"#{element_id}").inner_text().strip()


def pcc_secured(page) -> str:
    row = page.locator("#by-funder tbody tr", has_text="Police and Crime Commissioner")
    return row.locator("td").first.inner_text().split("\n")[0].strip()


def test_a_coordinator_records_a_bid_wins_it_and_spends_it(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")

    page.goto(f"{live_server.url}{BASE}/summary/2017-18/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding summary 2017/18")
    assert summary_figure(page, "secured-total") == "£24,706.25"
    assert pcc_secured(page) == "£13,706.25"
    expect(page.locator("figure svg[role=img]")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Funding").get_by_role("link", name="Bids").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding bids")
    assert_accessible(page)

    page.get_by_role("link", name="Record a bid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a bid")
    assert_accessible(page)
    page.get_by_label("Title").fill("Street Meets reassurance events")
    page.get_by_label("Funder").select_option(label="Police and Crime Commissioner")
    page.get_by_label("Delivering organisation").select_option(label="SBC")
    page.get_by_label("Delivering team").fill("Community Safety")
    page.get_by_label("How the funding is used").fill("Four Silver Street Meets events")
    page.get_by_label("2018–2021: 1. Helping to make People feel Safe").check()
    page.get_by_label("Status").select_option(label="Submitted, awaiting decision")
    page.get_by_label("Amount requested").fill("£2,500.00")
    page.get_by_label("Date submitted").fill("2017-09-01")
    page.get_by_role("button", name="Record bid").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Street Meets reassurance events")
    expect(page.locator(".lead")).to_contain_text("Submitted, awaiting decision")
    assert_accessible(page)

    page.get_by_role("link", name="Edit or change status").click()
    # A mistake first: an award without the decision is refused, and what was typed stays.
    page.get_by_label("Amount awarded").fill("£2,000")
    page.get_by_role("button", name="Save bid").click()
    expect(page.locator("#error-summary")).to_contain_text(
        "An amount awarded is only for a successful bid"
    )
    expect(page.get_by_label("Amount awarded")).to_have_value("£2,000")
    assert_accessible(page)

    page.get_by_label("Status").select_option(label="Successful")
    page.get_by_label("Note for the timeline").fill("Award letter from the PCC's office")
    page.get_by_label("Date of decision").fill("2017-10-02")
    page.get_by_label("Date funding received").fill("2017-10-16")
    page.get_by_label("Grant period ends").fill("2018-03-31")
    page.get_by_role("button", name="Save bid").click()

    expect(page.locator(".lead")).to_contain_text("Successful")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Recorded as Submitted, awaiting decision")
    expect(timeline).to_contain_text("Submitted, awaiting decision → Successful")
    expect(timeline).to_contain_text("Award letter from the PCC's office")
    assert_accessible(page)

    page.get_by_role("link", name="Record spend").click()
    assert_accessible(page)
    page.get_by_label("Date").fill("2017-11-20")
    page.get_by_label("Amount").fill("£750.25")
    page.get_by_label("What it was for").fill("Venue hire and publicity")
    page.get_by_role("button", name="Record spend").click()
    expect(page.locator("#bid-spent")).to_have_text("£750.25")
    expect(page.locator("#bid-remaining")).to_have_text("£1,249.75")
    assert_accessible(page)

    bid = FundingBid.objects.get(title="Street Meets reassurance events")
    assert (str(bid.amount_awarded), bid.status) == ("2000.00", "successful")
    assert Spend.objects.get(bid=bid).amount == bid.amount_awarded - bid.remaining

    page.goto(f"{live_server.url}{BASE}/summary/2017-18/")
    assert summary_figure(page, "secured-total") == "£26,706.25"
    assert pcc_secured(page) == "£15,706.25"
    assert_accessible(page)


def test_every_funding_page_passes_axe(page, live_server, demo):
    bid = FundingBid.objects.get(title__icontains="fly-tipping")
    spend = Spend.objects.create(bid=bid, spent_on="2018-03-10", amount="1200.00",
                                 description="CCTV camera")  # fmt: skip
    funder = Funder.objects.get(name="Police and Crime Commissioner")
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    paths = [
        "/",
        "/summary/2016-17/",
        "/summary/2019-20/",
        "/?status=successful&year=2017-18",
        "/?year=none",
        f"/bids/{bid.pk}/",
        f"/bids/{bid.pk}/edit/",
        f"/bids/{bid.pk}/spend/new/",
        f"/spend/{spend.pk}/edit/",
        f"/spend/{spend.pk}/delete/",
        "/funders/",
        "/funders/new/",
        f"/funders/{funder.pk}/edit/",
        "/import/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{BASE}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)

    # Someone else saves the bid while the coordinator has it open: the conflict page.
    page.goto(f"{live_server.url}{BASE}/bids/{bid.pk}/edit/")
    FundingBid.objects.filter(pk=bid.pk).update(version=F("version") + 1, fund="Changed")
    page.get_by_label("Notes").fill("My notes")
    page.get_by_role("button", name="Save bid").click()
    expect(
        page.get_by_role("heading", name=re.compile("Someone else saved this bid"))
    ).to_be_visible()
    expect(page.get_by_label("Notes")).to_have_value("My notes")
    assert_accessible(page)

    # The import preview, with bad rows and without.
    bad = 'Title,Funder,Amount requested,Status\nCameras,Nobody,"£1,2,3",Draft\n'
    good = 'Title,Funder,Amount requested,Status\nCameras,Home Office,"£1,234.50",Draft\n'
    for content, expected in ((bad, "cannot be imported"), (good, "Importing this file would")):
        page.goto(f"{live_server.url}{BASE}/import/")
        page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(
            files=[{"name": "bids.csv", "mimeType": "text/csv", "buffer": content.encode()}]
        )
        page.get_by_role("button", name="Preview import").click()
        expect(page.get_by_text(re.compile(expected)).first).to_be_visible()
        assert_accessible(page)
    page.get_by_role("button", name=re.compile("Import these")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding bids")
    expect(page.get_by_text("Imported bids.csv: 1 bid added")).to_be_visible()
    assert FundingBid.objects.filter(title="Cameras", amount_requested="1234.50").exists()


def test_the_scrutiny_committee_reads_the_summary_only(page, live_server, demo):
    sign_in(page, live_server, "scrutiny", "sosafe-demo")
    page.goto(f"{live_server.url}{BASE}/summary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding summary 2017/18")
    funding_nav = page.get_by_role("navigation", name="Funding")
    expect(funding_nav.get_by_role("link")).to_have_text(["Summary by year"])
    assert_accessible(page)
    response = page.goto(f"{live_server.url}{BASE}/")
    assert response.status == 403

"""The demo funding is what the SoSafe documents record, and the 2017/18 summary adds it up."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from funding import selectors
from funding.models import BidStatus, FundingBid
from sosafe.models import Membership, Partnership
from sosafe.periods import FinancialYear

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sosafe" / "funding.json"


@pytest.fixture
def partnership(demo):
    return Partnership.objects.get(slug="sosafe")


# (title, funder, amount awarded, month received) as the strategy 2018–21 and the
# committee paper of March 2018 give them; the 2021–24 bids as the 2025–28 strategy does.
PCC = "Police and Crime Commissioner"
AWARDS = [
    ("Domestic Abuse Safe Space", "Communities and Local Government", "107000.00", (2017, 2)),
    ("Community Reassurance", "Police and Crime Commissioner", "3000.00", (2017, 4)),
    ("Community Safety Ambassadors Program", PCC, "3000.00", (2017, 10)),
    ("Traveller Engagement Project", "Hertfordshire County Council", "10000.00", (2018, 1)),
    ("The No More Service Allotment", "Tesco Bags of Help", "1000.00", (2018, 1)),
    ("Tackling fly-tipping in the town", "Police and Crime Commissioner", "7706.25", (2018, 3)),
    ("SADA (Stevenage/Survivors Against Domestic Abuse)", None, "1423000.00", None),
    ("Safer Streets", "Home Office", "350000.00", None),
    ("Family Intervention", None, "72000.00", None),
    ("Tackling youth crime", None, "399000.00", None),
    ("Op Educa8", None, "3000.00", None),
]  # fmt: skip


def test_every_award_in_the_documents_is_a_successful_bid(partnership):
    bids = FundingBid.objects.filter(partnership=partnership, status=BidStatus.SUCCESSFUL)
    found = [
        (
            bid.title,
            bid.funder.name if bid.funder else None,
            str(bid.amount_awarded),
            (bid.received_on.year, bid.received_on.month) if bid.received_on else None,
        )
        for bid in bids.select_related("funder").order_by("pk")
    ]
    assert found == AWARDS
    assert all(bid.received_on.day == 1 for bid in bids if bid.received_on)
    assert all(bid.date_precision == "month" for bid in bids if bid.received_on)


def test_the_three_unsuccessful_pcc_bids_have_no_amount(partnership):
    failed = FundingBid.objects.filter(partnership=partnership, status=BidStatus.UNSUCCESSFUL)
    assert sorted(bid.title for bid in failed) == [
        "Expanding the SADA Domestic Abuse Forum",
        "Healthy Relationship course for year seven students",
        "Youth mentoring initiative",
    ]
    assert {bid.funder.name for bid in failed} == {"Police and Crime Commissioner"}
    assert {bid.amount_requested for bid in failed} == {None}


def test_the_fly_tipping_award_keeps_the_committee_papers_figure_and_says_so(partnership):
    bid = FundingBid.objects.get(partnership=partnership, title__icontains="fly-tipping")
    assert bid.amount_awarded == Decimal("7706.25")
    assert "£9,000" in bid.notes and "£7,706.25 is kept" in bid.notes
    assert bid.delivering_team == "Community Safety Fly Tipping Task Force"
    assert bid.fund == "Through the Hertfordshire Waste Partnership"


def test_the_2017_18_summary_adds_up_exactly_the_awards_received_that_year(partnership):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    year = FinancialYear(2017)
    in_year = [
        Decimal(row["amount_awarded"])
        for row in data["bids"]
        if row["status"] == "successful"
        and row.get("received_on")
        and year.start <= datetime.date.fromisoformat(row["received_on"]) <= year.end
    ]
    summary = selectors.year_summary(partnership, year)
    assert summary.total.secured == sum(in_year) == Decimal("24706.25")
    assert summary.total.secured_count == len(in_year) == 5
    # February 2017's Safe Space award belongs to 2016/17, not 2017/18.
    assert Decimal("107000.00") not in in_year
    earlier = selectors.year_summary(partnership, FinancialYear(2016))
    assert (earlier.total.secured, earlier.total.secured_count) == (Decimal("107000.00"), 1)
    by_funder = {row.label: row.secured for row in summary.by_funder}
    assert by_funder == {
        "Hertfordshire County Council": Decimal("10000.00"),
        "Police and Crime Commissioner": Decimal("13706.25"),
        "Tesco Bags of Help": Decimal("1000.00"),
    }


def test_the_summary_page_for_2017_18(partnership, client):
    client.force_login(Membership.objects.get(partnership=partnership, role="scrutiny").user)
    page = client.get(reverse("funding:summary-detail", args=["sosafe", "2017-18"]))
    text = page.content.decode()
    assert '<p class="fs-3 mb-0" id="secured-total">£24,706.25</p>' in text
    assert "<figure" in text and "<figcaption" in text
    svg = text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "£13,706.25" in svg  # the PCC's awards, drawn; the table below has the same figure
    assert "<script" not in svg
    assert "8 bids have no date recorded" in text

"""The home page's headlines stay on the current plan's year, say which quarters they cover,
and label as illustrative only the figures that are."""

import datetime
from decimal import Decimal

import pytest

from funding import selectors as funding_selectors
from funding.models import BidStatus
from referrals import selectors as referrals_selectors
from sosafe.periods import FinancialYear
from tests import factories
from tests.factories import FundingBidFactory, ReferralReturnFactory, ServiceFactory

pytestmark = pytest.mark.django_db
THIS_YEAR = FinancialYear.current()


@pytest.fixture
def plan_year(world):
    """The current plan; real counts for Q1 and Q2 of its year, an illustrative year before,
    and one real count already entered for the year after."""
    factories.ActionPlanFactory(partnership=world.partnership, year=THIS_YEAR)
    real = ServiceFactory(partnership=world.partnership, organisation=world.lead_org, name="Real")
    quiet = ServiceFactory(partnership=world.partnership, organisation=world.lead_org, name="Q")
    for quarter, total in ((1, 10), (2, 14)):
        ReferralReturnFactory(service=real, year=THIS_YEAR, quarter=quarter, total=total)
    for quarter in (1, 2, 3, 4):
        ReferralReturnFactory(
            service=real,
            year=THIS_YEAR.previous(),
            quarter=quarter,
            total=5,
            illustrative=True,
        )
    ReferralReturnFactory(service=real, year=THIS_YEAR.next(), quarter=1, total=99)
    return real, quiet


def test_referrals_stay_on_the_plan_year_and_name_the_quarters(world, plan_year):
    summary = referrals_selectors.home_summary(world.member)
    assert summary.year == THIS_YEAR  # not the year after, though it has a count
    assert (summary.total, summary.previous_total, summary.service_count) == (24, 10, 1)
    assert summary.period_label == "Q1–Q2"
    assert (summary.illustrative, summary.previous_illustrative) == (False, True)


def test_the_home_page_labels_only_illustrative_figures(world, plan_year):
    html = world.client_for("member").get(f"/p/{world.partnership.slug}/").content.decode()
    html = " ".join(html.split())
    assert f"{THIS_YEAR} (Q1–Q2): 24 referrals to 1 service; " in html
    assert f"+14 (+140.0%)</span> on the same quarters of {THIS_YEAR.previous()}" in html
    section = html[html.index('id="referrals-heading"') :]
    section = section[: section.index("</section>")]
    assert section.count("illustrative") == 1
    assert section.index("24 referrals") < section.index("illustrative")


def test_funding_stays_on_the_plan_year(world, plan_year):
    FundingBidFactory(
        partnership=world.partnership,
        status=BidStatus.SUCCESSFUL,
        amount_requested=Decimal("100.00"),
        amount_awarded=Decimal("100.00"),
        received_on=THIS_YEAR.start + datetime.timedelta(days=20),
    )
    FundingBidFactory(
        partnership=world.partnership,
        status=BidStatus.SUBMITTED,
        amount_requested=Decimal("900.00"),
        submitted_on=THIS_YEAR.next().start + datetime.timedelta(days=20),
    )
    panel = funding_selectors.home_panel(world.partnership)
    assert panel["year"] == THIS_YEAR
    assert panel["total"].secured == Decimal("100.00")


def _plans_section(html: str) -> str:
    html = " ".join(html.split())
    section = html[html.index('id="plans-heading"') :]
    return section[: section.index("</section>")]


def test_plan_status_counts_say_which_quarter_they_are_as_at(world):
    """The counts read the latest update each reader is shown: reported progress (Q3) for a
    RAG member, the officer's Q4 draft too for a coordinator; a plan with none says so."""
    from tests.conftest import make_plan

    plan, actions = make_plan(world.partnership, world.lead_org, actions=2, year=2017)
    factories.ProgressUpdateFactory(action=actions[0], quarter=3, state="submitted")
    factories.ProgressUpdateFactory(
        action=actions[1], quarter=4, state="draft", author=world.officer.user
    )
    make_plan(world.partnership, world.lead_org, actions=1, year=2018)  # Q1, Q2 submitted
    url = f"/p/{world.partnership.slug}/"
    member = _plans_section(world.client_for("member").get(url).content.decode())
    assert "2 actions as at the end of Q3 2017/18:" in member
    coordinator = _plans_section(world.client_for("coordinator").get(url).content.decode())
    assert "2 actions as at the end of Q4 2017/18:" in coordinator
    assert "1 action as at the end of Q2 2018/19:" in member


def test_funding_names_its_year_and_dates(world, plan_year):
    html = " ".join(
        world.client_for("member").get(f"/p/{world.partnership.slug}/").content.decode().split()
    )
    section = html[html.index('id="funding-heading"') :]
    section = section[: section.index("</section>")]
    assert f"Funding {THIS_YEAR}" in section
    start, end = THIS_YEAR.start, THIS_YEAR.end
    assert f"bids dated {start.day} April {start.year} to {end.day} March {end.year}" in section

"""Totals and the yearly summary: summed by the database, exact to the penny, never float."""

import datetime
from decimal import Decimal

import pytest

from funding import selectors
from funding.models import BidStatus
from sosafe.periods import FinancialYear
from tests.factories import (
    FunderFactory,
    FundingBidFactory,
    ObjectiveFactory,
    SpendFactory,
    StrategyFactory,
)
from tests.funding.conftest import url

pytestmark = pytest.mark.django_db
S = BidStatus


def award(world, amount, received_on, funder=None, **extra):
    return FundingBidFactory(
        partnership=world.partnership,
        funder=funder or FunderFactory(partnership=world.partnership),
        status=S.SUCCESSFUL,
        amount_awarded=Decimal(amount),
        received_on=received_on,
        **extra,
    )


def test_totals_add_pennies_exactly(world):
    first = award(world, "0.10", datetime.date(2017, 5, 1), amount_requested=Decimal("0.10"))
    second = award(world, "0.20", datetime.date(2017, 6, 1), amount_requested=Decimal("0.20"))
    SpendFactory(bid=first, amount=Decimal("0.10"))
    SpendFactory(bid=second, amount=Decimal("0.20"))
    totals = selectors.totals(selectors.bids(world.partnership))
    for value in (totals.requested, totals.awarded, totals.spent):
        assert isinstance(value, Decimal)
        assert value == Decimal("0.30")
        assert str(value) == "0.30"
    assert totals.remaining == Decimal("0.00")
    assert totals.count == 2


def test_totals_of_nothing_are_zero_pounds(world):
    totals = selectors.totals(selectors.bids(world.partnership))
    assert (totals.count, totals.requested, totals.awarded, totals.spent) == (
        0,
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )


def test_many_small_amounts_still_add_up_exactly(world):
    funder = FunderFactory(partnership=world.partnership)
    for _ in range(100):
        award(world, "0.01", datetime.date(2017, 5, 1), funder=funder)
    for _ in range(30):
        award(world, "333333.33", datetime.date(2017, 5, 1), funder=funder)
    totals = selectors.totals(selectors.bids(world.partnership))
    assert totals.awarded == Decimal("1.00") + Decimal("333333.33") * 30
    summary = selectors.year_summary(world.partnership, FinancialYear(2017))
    assert summary.total.secured == Decimal("9999999.90") + Decimal("1.00")


def test_list_totals_follow_the_filters(world, funder):
    award(
        world, "100.00", datetime.date(2017, 5, 1), funder=funder, amount_requested=Decimal("150")
    )
    award(world, "40.25", datetime.date(2018, 5, 1), funder=funder)
    FundingBidFactory(
        partnership=world.partnership,
        funder=funder,
        status=S.SUBMITTED,
        amount_requested=Decimal("999.99"),
        submitted_on=datetime.date(2017, 8, 1),
    )
    client = world.client_for("member")
    everything = client.get(url("bid-list", world)).context["totals"]
    assert (everything.count, everything.requested, everything.awarded) == (
        3,
        Decimal("1149.99"),
        Decimal("140.25"),
    )
    year = client.get(url("bid-list", world), {"year": "2017-18"}).context["totals"]
    assert (year.count, year.requested, year.awarded) == (2, Decimal("1149.99"), Decimal("100.00"))
    awarded = client.get(url("bid-list", world), {"status": "successful"}).context["totals"]
    assert (awarded.count, awarded.awarded) == (2, Decimal("140.25"))
    response = client.get(url("bid-list", world), {"status": "successful", "year": "2018-19"})
    assert response.context["totals"].awarded == Decimal("40.25")
    assert "£40.25" in response.content.decode()


def test_the_year_runs_april_to_march(world, funder):
    award(world, "1.00", datetime.date(2017, 3, 31), funder=funder)  # 2016/17
    award(world, "10.00", datetime.date(2017, 4, 1), funder=funder)
    award(world, "100.00", datetime.date(2018, 3, 31), funder=funder)
    award(world, "1000.00", datetime.date(2018, 4, 1), funder=funder)  # 2018/19
    summary = selectors.year_summary(world.partnership, FinancialYear(2017))
    assert summary.total.secured == Decimal("110.00")
    assert summary.total.secured_count == 2
    assert summary.years == [FinancialYear(2016), FinancialYear(2017), FinancialYear(2018)]


def test_secured_pending_and_unsuccessful_by_funder(world):
    pcc = FunderFactory(partnership=world.partnership, name="Police and Crime Commissioner")
    tesco = FunderFactory(partnership=world.partnership, name="Tesco Bags of Help")
    award(world, "3000.00", datetime.date(2017, 4, 1), funder=pcc)
    award(world, "1000.00", datetime.date(2018, 1, 1), funder=tesco)
    FundingBidFactory(
        partnership=world.partnership, funder=pcc, status=S.SUBMITTED,
        amount_requested=Decimal("500.00"), submitted_on=datetime.date(2017, 9, 1),
    )  # fmt: skip
    FundingBidFactory(
        partnership=world.partnership, funder=pcc, status=S.UNSUCCESSFUL,
        decision_on=datetime.date(2017, 12, 1),
    )  # fmt: skip
    FundingBidFactory(  # drafts and withdrawn bids are not funding
        partnership=world.partnership, funder=pcc, status=S.DRAFT,
        amount_requested=Decimal("7.00"), submitted_on=datetime.date(2017, 9, 1),
    )  # fmt: skip
    FundingBidFactory(
        partnership=world.partnership, funder=None, status=S.SUCCESSFUL,
        amount_awarded=Decimal("5.00"), received_on=datetime.date(2017, 9, 1),
    )  # fmt: skip
    summary = selectors.year_summary(world.partnership, FinancialYear(2017))
    rows = {row.label: row for row in summary.by_funder}
    assert list(rows) == [
        "Police and Crime Commissioner",
        "Tesco Bags of Help",
        "Funder not recorded",
    ]
    pcc_row = rows["Police and Crime Commissioner"]
    assert (pcc_row.secured, pcc_row.pending, pcc_row.pending_count) == (
        Decimal("3000.00"),
        Decimal("500.00"),
        1,
    )
    assert (pcc_row.unsuccessful_count, pcc_row.unsuccessful) == (1, Decimal("0.00"))
    assert summary.total.secured == Decimal("4005.00")
    assert summary.total.pending == Decimal("500.00")


def test_by_objective_counts_a_bid_under_each_objective_it_serves(world, funder):
    strategy = StrategyFactory(partnership=world.partnership, start_year=2018, end_year=2021)
    safe = ObjectiveFactory(strategy=strategy, number=1, title="Feel safe")
    asb = ObjectiveFactory(strategy=strategy, number=4, title="Tackle ASB")
    both = award(world, "100.00", datetime.date(2017, 6, 1), funder=funder)
    both.objectives.set([safe, asb])
    award(world, "50.00", datetime.date(2017, 6, 1), funder=funder).objectives.set([asb])
    award(world, "7.00", datetime.date(2017, 6, 1), funder=funder)
    summary = selectors.year_summary(world.partnership, FinancialYear(2017))
    secured = {row.label: (row.secured, row.secured_count) for row in summary.by_objective}
    assert secured == {
        "2018–2021 strategy, objective 1: Feel safe": (Decimal("100.00"), 1),
        "2018–2021 strategy, objective 4: Tackle ASB": (Decimal("150.00"), 2),
        "No objective recorded": (Decimal("7.00"), 1),
    }
    assert summary.total.secured == Decimal("157.00")


def test_undated_bids_are_counted_apart(world, funder):
    award(world, "350000.00", None, funder=funder)
    award(world, "3.00", datetime.date(2017, 6, 1), funder=funder)
    summary = selectors.year_summary(world.partnership, FinancialYear(2017))
    assert summary.total.secured == Decimal("3.00")
    assert (summary.undated.secured, summary.undated.secured_count) == (Decimal("350000.00"), 1)
    response = world.client_for("coordinator").get(url("bid-list", world), {"year": "none"})
    assert [bid.amount_awarded for bid in response.context["bids"]] == [Decimal("350000.00")]

"""Financial year of a bid, spend totals and the grant-monitoring warnings."""

import datetime
from decimal import Decimal

import pytest

from funding.models import BidStatus
from sosafe.periods import FinancialYear
from tests.factories import FundingBidFactory, SpendFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2019, 6, 1)


def test_the_year_of_a_bid_is_its_received_then_decision_then_submitted_date():
    bid = FundingBidFactory.build(
        submitted_on=datetime.date(2017, 3, 1),
        decision_on=datetime.date(2017, 3, 30),
        received_on=datetime.date(2017, 4, 3),
    )
    assert bid.financial_year == FinancialYear(2017)
    bid.received_on = None
    assert bid.financial_year == FinancialYear(2016)
    bid.decision_on = None
    assert bid.financial_year == FinancialYear(2016)
    bid.submitted_on = None
    assert bid.financial_year is None


def test_spent_and_remaining_are_exact_decimals():
    bid = FundingBidFactory(successful=True, amount_awarded=Decimal("0.30"))
    SpendFactory(bid=bid, amount=Decimal("0.10"))
    SpendFactory(bid=bid, amount=Decimal("0.20"))
    assert bid.spent == Decimal("0.30")
    assert str(bid.spent) == "0.30"
    assert bid.remaining == Decimal("0.00")
    assert bid.spend_warnings(TODAY) == []


def test_over_spend_is_a_warning():
    bid = FundingBidFactory(successful=True, amount_awarded=Decimal("1000.00"))
    SpendFactory(bid=bid, amount=Decimal("800.00"))
    SpendFactory(bid=bid, amount=Decimal("250.50"))
    assert bid.spend_warnings(TODAY) == [
        "Spend of £1,050.50 is more than the award of £1,000.00, by £50.50."
    ]


def test_money_left_when_the_grant_period_has_ended_is_a_warning():
    bid = FundingBidFactory(
        successful=True,
        amount_awarded=Decimal("1000.00"),
        grant_starts=datetime.date(2018, 4, 1),
        grant_ends=datetime.date(2019, 3, 31),
    )
    SpendFactory(bid=bid, amount=Decimal("600.00"))
    assert bid.spend_warnings(TODAY) == [
        "The grant period ended on 31 March 2019 with £400.00 of the award unspent."
    ]
    # Not while the period runs, nor when it was all spent.
    assert bid.spend_warnings(datetime.date(2019, 3, 31)) == []
    SpendFactory(bid=bid, amount=Decimal("400.00"))
    assert bid.spend_warnings(TODAY) == []


def test_only_successful_bids_are_monitored():
    bid = FundingBidFactory(status=BidStatus.SUBMITTED, grant_ends=datetime.date(2018, 1, 1))
    assert bid.spend_warnings(TODAY) == []

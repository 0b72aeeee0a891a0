"""The bids list, the summary and the export stay at a fixed number of queries as bids grow."""

import datetime
from decimal import Decimal

import pytest

from funding.models import BidStatus
from tests.factories import (
    FunderFactory,
    FundingBidFactory,
    ObjectiveFactory,
    SpendFactory,
    StrategyFactory,
)
from tests.funding.conftest import url

pytestmark = pytest.mark.django_db

# Session, user and membership (3), then the page's own queries.
LIST_QUERIES = 3 + 6  # funders, years, totals, bids, their objectives, objective choices
FILTERED_LIST_QUERIES = LIST_QUERIES + 1  # the chosen objective is looked up
SUMMARY_QUERIES = 3 + 5  # total, by funder, by objective, undated, years


def make_bids(world, count: int) -> None:
    strategy = StrategyFactory(partnership=world.partnership, start_year=2018, end_year=2021)
    objectives = [ObjectiveFactory(strategy=strategy, number=n) for n in (1, 2, 3)]
    funders = [FunderFactory(partnership=world.partnership) for _ in range(3)]
    statuses = [BidStatus.SUCCESSFUL, BidStatus.SUBMITTED, BidStatus.UNSUCCESSFUL, BidStatus.DRAFT]
    for index in range(count):
        status = statuses[index % 4]
        bid = FundingBidFactory(
            partnership=world.partnership,
            funder=funders[index % 3],
            organisation=world.lead_org,
            status=status,
            amount_requested=Decimal("1000.00"),
            amount_awarded=Decimal("900.00") if status == BidStatus.SUCCESSFUL else None,
            submitted_on=datetime.date(2017, 4, 1) + datetime.timedelta(days=index),
        )
        bid.objectives.set(objectives[: 1 + index % 3])
        if status == BidStatus.SUCCESSFUL:
            SpendFactory(bid=bid, amount=Decimal("100.00"))
            SpendFactory(bid=bid, amount=Decimal("50.00"))


@pytest.mark.parametrize("count", [5, 50])
def test_the_bids_list(world, count, django_assert_num_queries):
    make_bids(world, count)
    client = world.client_for("member")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url("bid-list", world))
    assert len(response.context["bids"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_filtered_bids_list(world, count, django_assert_num_queries):
    make_bids(world, count)
    objective = world.partnership.strategies.get().objectives.get(number=1)
    client = world.client_for("coordinator")
    query = {"status": "successful", "year": "2017-18", "objective": objective.pk}
    with django_assert_num_queries(FILTERED_LIST_QUERIES):
        response = client.get(url("bid-list", world), query)
    assert response.context["totals"].count == len(range(0, count, 4))


@pytest.mark.parametrize("count", [5, 50])
def test_the_summary(world, count, django_assert_num_queries):
    make_bids(world, count)
    client = world.client_for("scrutiny")
    with django_assert_num_queries(SUMMARY_QUERIES):
        response = client.get(url("summary-detail", world, "2017-18"))
    assert response.context["summary"].total.secured_count == len(range(0, count, 4))


@pytest.mark.parametrize("count", [5, 50])
def test_the_funders_list(world, count, django_assert_num_queries):
    make_bids(world, count)
    client = world.client_for("member")
    with django_assert_num_queries(3 + 1):
        response = client.get(url("funder-list", world))
    assert sum(funder.bid_count for funder in response.context["funders"]) == count


def test_a_long_list_comes_in_pages_and_the_totals_cover_every_page(
    world, django_assert_num_queries
):
    make_bids(world, 130)
    client = world.client_for("member")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url("bid-list", world), {"status": "successful", "page": 2})
    assert response.context["totals"].count == 33
    assert len(response.context["bids"]) == 33  # one page is enough for the filtered set
    first = client.get(url("bid-list", world))
    assert len(first.context["bids"]) == 100
    second = client.get(url("bid-list", world), {"page": 2})
    assert len(second.context["bids"]) == 30
    assert second.context["totals"].awarded == Decimal("900.00") * 33
    assert "Page 2 of 2" in second.content.decode()

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
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db

# Session, user and membership (3), then the page's own queries.
LIST_QUERIES = 3 + 6  # funders, years, totals, bids, their objectives, objective choices
FILTERED_LIST_QUERIES = LIST_QUERIES + 1  # the chosen objective is looked up
SUMMARY_QUERIES = 3 + 5  # total, by funder, by objective, undated, years


def make_bids(world, count: int) -> None:
    strategy = world.partnership.strategies.filter(start_year=2018).first() or StrategyFactory(
        partnership=world.partnership, start_year=2018, end_year=2021
    )
    objectives = [
        strategy.objectives.filter(number=n).first()
        or ObjectiveFactory(strategy=strategy, number=n)
        for n in (1, 2, 3)
    ]
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


def _grown(world, address: str):
    """A builder for ``assert_fixed_queries``: n more bids, the same address."""
    return lambda n: make_bids(world, n) or address


def test_the_bids_list(world):
    client = world.client_for("member")
    counts = assert_fixed_queries(client, _grown(world, url("bid-list", world)))
    assert counts.cold == LIST_QUERIES
    assert len(client.get(url("bid-list", world)).context["bids"]) == 55


def test_the_filtered_bids_list(world):
    client = world.client_for("coordinator")

    addresses = []

    def build(n):
        make_bids(world, n)
        objective = world.partnership.strategies.get().objectives.get(number=1)
        query = f"?status=successful&year=2017-18&objective={objective.pk}"
        addresses.append(url("bid-list", world) + query)
        return addresses[-1]

    assert assert_fixed_queries(client, build).cold == FILTERED_LIST_QUERIES
    assert client.get(addresses[-1]).context["totals"].count == 2 + 13  # every fourth of 5, 50


def test_the_summary(world):
    client = world.client_for("scrutiny")
    address = url("summary-detail", world, "2017-18")
    assert assert_fixed_queries(client, _grown(world, address)).cold == SUMMARY_QUERIES
    summary = client.get(address).context["summary"]
    assert summary.total.secured_count == len(range(0, 5, 4)) + len(range(0, 50, 4))


def test_the_funders_list(world):
    client = world.client_for("member")
    assert assert_fixed_queries(client, _grown(world, url("funder-list", world))).cold == 3 + 1
    funders = client.get(url("funder-list", world)).context["funders"]
    assert sum(funder.bid_count for funder in funders) == 55


def test_a_bid_page(world):
    client = world.client_for("coordinator")

    def bid_page(n):
        make_bids(world, n)
        bid = world.partnership.funding_bids.filter(status=BidStatus.SUCCESSFUL).last()
        for _ in range(n):
            SpendFactory(bid=bid, amount=Decimal("1.00"))
        return url("bid-detail", world, bid.pk)

    assert_fixed_queries(client, bid_page)  # its spend and changes of status


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

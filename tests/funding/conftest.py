import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import BidStatus
from tests.factories import FunderFactory, FundingBidFactory, SpendFactory


def url(name: str, world, *args) -> str:
    return reverse(f"funding:{name}", args=[world.partnership.slug, *args])


@pytest.fixture
def funder(world):
    return FunderFactory(partnership=world.partnership, name="Police and Crime Commissioner")


@pytest.fixture
def draft_bid(world, funder):
    """A draft delivered by the officer persona's organisation."""
    return FundingBidFactory(
        partnership=world.partnership,
        funder=funder,
        organisation=world.lead_org,
        title="Youth mentoring",
        amount_requested=Decimal("5000.00"),
    )


@pytest.fixture
def submitted_bid(world, funder):
    return FundingBidFactory(
        partnership=world.partnership,
        funder=funder,
        organisation=world.lead_org,
        title="Fly-tipping cameras",
        status=BidStatus.SUBMITTED,
        submitted_on=datetime.date(2017, 11, 1),
        amount_requested=Decimal("9000.00"),
    )


@pytest.fixture
def successful_bid(world, funder):
    return FundingBidFactory(
        partnership=world.partnership,
        funder=funder,
        organisation=world.lead_org,
        title="Community reassurance",
        status=BidStatus.SUCCESSFUL,
        submitted_on=datetime.date(2017, 3, 1),
        decision_on=datetime.date(2017, 3, 20),
        received_on=datetime.date(2017, 4, 10),
        amount_requested=Decimal("3000.00"),
        amount_awarded=Decimal("3000.00"),
    )


@pytest.fixture
def spend(successful_bid):
    return SpendFactory(bid=successful_bid, amount=Decimal("250.00"), description="Leaflets")

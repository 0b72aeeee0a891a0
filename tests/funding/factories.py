"""Factories for funding records. Defaults make a valid draft bid of a new partnership."""

import datetime
from decimal import Decimal

import factory

from funding.models import BidStatus, BidStatusChange, Funder, FundingBid, Spend
from tests.factories import PartnershipFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Funder {n}")


class FundingBidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingBid
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Bid {n}")
    funder = factory.SubFactory(FunderFactory, partnership=factory.SelfAttribute("..partnership"))
    purpose = "Something the partnership needs."
    status = BidStatus.DRAFT


class SuccessfulBidFactory(FundingBidFactory):
    status = BidStatus.SUCCESSFUL
    amount_requested = Decimal("1000.00")
    amount_awarded = Decimal("1000.00")
    submitted_on = datetime.date(2017, 5, 1)
    decision_on = datetime.date(2017, 6, 1)
    received_on = datetime.date(2017, 7, 1)


class SpendFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spend

    bid = factory.SubFactory(SuccessfulBidFactory)
    spent_on = datetime.date(2017, 8, 1)
    amount = Decimal("100.00")
    description = "Materials"


class BidStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BidStatusChange

    bid = factory.SubFactory(FundingBidFactory)
    from_status = ""
    to_status = BidStatus.DRAFT

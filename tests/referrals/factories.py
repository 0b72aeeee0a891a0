"""factory_boy factories for services and referral counts."""

import factory

from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.periods import FinancialYear
from tests.factories import OrganisationFactory, PartnershipFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Service {n:03d}")
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )
    description = "Helps people."


class ReferralReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralReturn

    service = factory.SubFactory(ServiceFactory)
    year = FinancialYear(2024)
    quarter = 1
    total = 10


class SourceCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceCount

    referral_return = factory.SubFactory(ReferralReturnFactory)
    kind = SourceCount.Kind.SELF_REFERRAL
    organisation = None
    count = 1


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    service = factory.SubFactory(ServiceFactory)
    year = FinancialYear(2025)
    count = 100
    period = "April to December 2025"
    source = "A presentation"

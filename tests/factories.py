"""factory_boy factories, one per model of every app. Defaults make a valid object with the
fewest rows; variants are traits (``ProgressUpdateFactory(submitted=True)``,
``FundingBidFactory(successful=True)``), not second factories."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
    StrategicAim,
    Strategy,
    Theme,
)
from funding.models import BidStatus, BidStatusChange, Funder, FundingBid, Spend
from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.models import Acronym, Group, Membership, Organisation, Partnership, Role
from sosafe.periods import FinancialYear


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-password")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    area = "Testshire"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    kind = Organisation.Kind.RESPONSIBLE_AUTHORITY


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    short_name = factory.Sequence(lambda n: f"G{n}")


class AcronymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acronym

    partnership = factory.SubFactory(PartnershipFactory)
    abbreviation = factory.Sequence(lambda n: f"AB{n}")
    meaning = "A meaning"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.MEMBER
    organisation = None


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Strategy {n}")
    start_year = factory.Sequence(lambda n: 2000 + n)
    end_year = factory.LazyAttribute(lambda s: s.start_year + 3)
    status = Strategy.Status.CURRENT


class StrategicAimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicAim

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "An overarching aim"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    partnership = factory.SubFactory(PartnershipFactory)
    year = factory.Sequence(lambda n: FinancialYear(2000 + n))
    title = factory.LazyAttribute(lambda p: f"Action plan {p.year}")
    status = ActionPlan.Status.APPROVED


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Theme {n}")


class AimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aim

    theme = factory.SubFactory(ThemeFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Aim text {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    aim = factory.SubFactory(AimFactory)
    letter = factory.Sequence(lambda n: f"{chr(97 + n % 26)}{n // 26 or ''}"[:2])
    text = factory.Sequence(lambda n: f"Action text {n}")
    resources = "Existing staff / resources."


class ActionLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLead

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        partnership=factory.SelfAttribute("..action.aim.theme.plan.partnership"),
    )
    officer_role = "Community Safety Officer"


class ExpectedOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectedOutcome

    action = factory.SubFactory(ActionFactory)
    text = "Something measurable happens."


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    class Params:
        submitted = factory.Trait(state=ProgressUpdate.State.SUBMITTED)

    action = factory.SubFactory(ActionFactory)
    quarter = 1
    status = "on_track"
    narrative = "Work is under way."


class ReportingQuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingQuarter

    plan = factory.SubFactory(ActionPlanFactory)
    quarter = 1
    state = ReportingQuarter.State.OPEN
    opens_on = datetime.date(2024, 7, 1)
    deadline = datetime.date(2024, 7, 14)
    closed_at = factory.LazyAttribute(
        lambda w: timezone.now() if w.state == ReportingQuarter.State.CLOSED else None
    )


class OutcomeProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeProgress

    update = factory.SubFactory(ProgressUpdateFactory, submitted=True)
    outcome = factory.SubFactory(
        ExpectedOutcomeFactory, action=factory.SelfAttribute("..update.action")
    )
    achieved_figure = None
    achieved = False


# ---- referrals ------------------------------------------------------------------------------


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


# ---- funding --------------------------------------------------------------------------------


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Funder {n}")


class FundingBidFactory(factory.django.DjangoModelFactory):
    """A draft bid of a new partnership; ``successful=True``: £1,000 asked and awarded,
    received in July 2017."""

    class Meta:
        model = FundingBid
        skip_postgeneration_save = True

    class Params:
        successful = factory.Trait(
            status=BidStatus.SUCCESSFUL,
            amount_requested=Decimal("1000.00"),
            amount_awarded=Decimal("1000.00"),
            submitted_on=datetime.date(2017, 5, 1),
            decision_on=datetime.date(2017, 6, 1),
            received_on=datetime.date(2017, 7, 1),
        )

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Bid {n}")
    funder = factory.SubFactory(FunderFactory, partnership=factory.SelfAttribute("..partnership"))
    purpose = "Something the partnership needs."
    status = BidStatus.DRAFT


class SpendFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spend

    bid = factory.SubFactory(FundingBidFactory, successful=True)
    spent_on = datetime.date(2017, 8, 1)
    amount = Decimal("100.00")
    description = "Materials"


class BidStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BidStatusChange

    bid = factory.SubFactory(FundingBidFactory)
    from_status = ""
    to_status = BidStatus.DRAFT

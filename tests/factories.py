"""factory_boy factories for the domain. Defaults make a valid object with the fewest rows."""

import factory
from django.contrib.auth import get_user_model

from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    ProgressUpdate,
    StrategicAim,
    Strategy,
    Theme,
)
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

    action = factory.SubFactory(ActionFactory)
    quarter = 1
    status = "on_track"
    narrative = "Work is under way."

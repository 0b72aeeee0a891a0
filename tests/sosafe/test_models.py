import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actionplan.models import ActionPlan
from sosafe.models import Role
from sosafe.periods import FinancialYear
from tests import factories

pytestmark = pytest.mark.django_db


def test_organisation_short_name_is_unique_within_a_partnership():
    org = factories.OrganisationFactory(short_name="SBC")
    factories.OrganisationFactory(short_name="SBC")  # another partnership: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.OrganisationFactory(partnership=org.partnership, short_name="SBC")


def test_one_membership_per_user_and_partnership():
    membership = factories.MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MembershipFactory(user=membership.user, partnership=membership.partnership)


def test_an_officer_needs_an_organisation():
    membership = factories.MembershipFactory.build(
        user=factories.UserFactory(), partnership=factories.PartnershipFactory(), role=Role.OFFICER
    )
    with pytest.raises(ValidationError, match="must belong to an organisation"):
        membership.full_clean()


def test_membership_organisation_must_be_of_the_same_partnership():
    elsewhere = factories.OrganisationFactory()
    membership = factories.MembershipFactory.build(
        user=factories.UserFactory(),
        partnership=factories.PartnershipFactory(),
        role=Role.OFFICER,
        organisation=elsewhere,
    )
    with pytest.raises(ValidationError, match="same partnership"):
        membership.full_clean()


@pytest.mark.parametrize(
    ("role", "reads", "restricted", "manages"),
    [
        (Role.ADMIN, True, True, True),
        (Role.COORDINATOR, True, True, True),
        (Role.OFFICER, True, False, False),
        (Role.MEMBER, True, True, False),
        (Role.SCRUTINY, False, False, False),
    ],
)
def test_role_capabilities(role, reads, restricted, manages):
    membership = factories.MembershipFactory.build(role=role)
    assert (membership.can_read_plans, membership.can_see_restricted, membership.can_manage) == (
        reads,
        restricted,
        manages,
    )


def test_financial_year_field_round_trips_and_filters():
    plan = factories.ActionPlanFactory(year=FinancialYear.parse("2017/18"))
    plan.refresh_from_db()
    assert plan.year == FinancialYear(2017)
    assert str(plan.year) == "2017/18"
    assert ActionPlan.objects.filter(year=FinancialYear(2017)).get() == plan
    assert ActionPlan.objects.filter(year="2017/18").get() == plan
    assert ActionPlan.objects.filter(year__gt=FinancialYear(2016)).count() == 1


def test_financial_year_form_field_reports_a_bad_year():
    form_field = ActionPlan._meta.get_field("year").formfield()
    with pytest.raises(ValidationError, match="write 2024/25"):
        form_field.clean("2024/26")
    assert form_field.clean("2024/25") == FinancialYear(2024)


def test_a_model_with_a_financial_year_passes_full_validation():
    plan = factories.ActionPlanFactory(year=FinancialYear(2024))
    plan.full_clean()

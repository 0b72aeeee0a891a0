import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actionplan.models import ProgressUpdate
from sosafe.periods import FinancialYear, Quarter
from tests import factories

pytestmark = pytest.mark.django_db


def _violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_plan_per_partnership_and_year():
    plan = factories.ActionPlanFactory(year=FinancialYear(2024))
    factories.ActionPlanFactory(year=FinancialYear(2024))  # another partnership
    _violates(
        lambda: factories.ActionPlanFactory(partnership=plan.partnership, year=FinancialYear(2024))
    )


def test_theme_numbers_unique_within_a_plan():
    theme = factories.ThemeFactory(number=1)
    _violates(lambda: factories.ThemeFactory(plan=theme.plan, number=1))


def test_aim_refs_unique_within_a_plan():
    aim = factories.AimFactory(number=1)
    factories.AimFactory(theme=factories.ThemeFactory(plan=aim.theme.plan, number=2), number=1)
    _violates(lambda: factories.AimFactory(theme=aim.theme, number=1))


def test_action_letters_unique_within_an_aim():
    action = factories.ActionFactory(letter="a")
    _violates(lambda: factories.ActionFactory(aim=action.aim, letter="a"))


def test_one_update_per_action_per_quarter():
    update = factories.ProgressUpdateFactory(quarter=2)
    _violates(lambda: factories.ProgressUpdateFactory(action=update.action, quarter=2))


@pytest.mark.parametrize("quarter", [0, 5])
def test_update_quarter_is_1_to_4_in_the_database(quarter):
    action = factories.ActionFactory()
    _violates(lambda: ProgressUpdate.objects.create(action=action, quarter=quarter))


def test_strategy_must_end_after_it_starts():
    _violates(lambda: factories.StrategyFactory(start_year=2025, end_year=2025))


def test_plan_strategy_must_be_of_the_same_partnership():
    plan = factories.ActionPlanFactory.build(
        partnership=factories.PartnershipFactory(), strategy=factories.StrategyFactory()
    )
    with pytest.raises(ValidationError, match="same partnership"):
        plan.clean()


def test_refs_and_update_period():
    theme = factories.ThemeFactory(
        number=3, plan=factories.ActionPlanFactory(year=FinancialYear(2017))
    )
    aim = factories.AimFactory(theme=theme, number=2)
    lettered = factories.ActionFactory(aim=aim, letter="b")
    single = factories.ActionFactory(aim=factories.AimFactory(theme=theme, number=5), letter="")
    assert aim.ref == "3.2"
    assert lettered.ref == "3.2 b)"
    assert single.ref == "3.5"
    update = factories.ProgressUpdateFactory(action=lettered, quarter=4)
    assert update.period == Quarter.parse("Q4 2017/18")


def test_latest_update_is_the_latest_quarter():
    action = factories.ActionFactory()
    assert action.latest_update is None
    factories.ProgressUpdateFactory(action=action, quarter=3, status="at_risk")
    factories.ProgressUpdateFactory(action=action, quarter=1, status="on_track")
    assert action.latest_update.quarter == 3

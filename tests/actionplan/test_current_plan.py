"""One rule picks the plan the portal reports on (home page, dashboard, My actions): drafts are
skipped first, then the plan of the year under way, else the latest before it, else the
earliest after it."""

import datetime

import pytest

from actionplan.models import ActionPlan
from actionplan.reported import current_plan, plans
from actionplan.selectors.cycle import my_latest_actions
from reports.dashboard import default_period
from sosafe.periods import FinancialYear
from tests import factories

pytestmark = pytest.mark.django_db
DRAFT, APPROVED, CLOSED = (ActionPlan.Status.DRAFT, ActionPlan.Status.APPROVED, "closed")
IN_2018_19 = datetime.date(2018, 6, 1)


def _plan(world, year, status):
    return factories.ActionPlanFactory(
        partnership=world.partnership, year=FinancialYear(year), status=status
    )


def test_a_draft_of_next_year_never_displaces_the_approved_plan(world):
    approved = _plan(world, 2017, APPROVED)
    _plan(world, 2018, DRAFT)
    assert current_plan(plans(world.partnership), IN_2018_19) == approved
    assert current_plan(plans(world.partnership), datetime.date(2026, 1, 1)) == approved


def test_a_closed_plan_stays_current_while_the_next_is_a_draft(world):
    closed = _plan(world, 2017, CLOSED)
    _plan(world, 2018, DRAFT)
    assert current_plan(plans(world.partnership), IN_2018_19) == closed


def test_once_approved_the_years_plan_is_current(world):
    _plan(world, 2017, CLOSED)
    following = _plan(world, 2018, APPROVED)
    assert current_plan(plans(world.partnership), IN_2018_19) == following
    # Before its year starts, the plan of the year under way stays current.
    assert current_plan(plans(world.partnership), datetime.date(2018, 3, 1)).year == (
        FinancialYear(2017)
    )


def test_drafts_only_when_every_plan_is_a_draft(world):
    assert current_plan(plans(world.partnership), IN_2018_19) is None
    first = _plan(world, 2018, DRAFT)
    _plan(world, 2019, DRAFT)
    assert current_plan(plans(world.partnership), IN_2018_19) == first


def test_the_dashboard_and_my_actions_use_the_rule(world):
    approved = _plan(world, 2017, APPROVED)
    action = factories.ActionFactory(aim__theme__plan=approved)
    factories.ActionLeadFactory(
        action=action, organisation=world.lead_org, officer=world.officer.user
    )
    draft = _plan(world, 2018, DRAFT)
    carried = factories.ActionFactory(aim__theme__plan=draft, carried_from=action)
    factories.ActionLeadFactory(
        action=carried, organisation=world.lead_org, officer=world.officer.user
    )
    assert default_period(world.partnership, IN_2018_19) == (approved, 1)
    assert [entry.plan for entry in my_latest_actions(world.officer)] == [approved]

"""Every page of the action plan app that lists things runs the same number of queries at 5
and at 50 actions (objectives for the strategy), for each kind of reader (tests/query_counts.py)."""

import itertools

import pytest
from django.urls import reverse

from actionplan.models import ReportingQuarter
from tests.conftest import make_plan
from tests.factories import (
    ObjectiveFactory,
    ProgressUpdateFactory,
    ReportingQuarterFactory,
    StrategyFactory,
)
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


class Plans:
    """Builds a new plan of ``n`` actions (one a year) as the pages' data grows: every fourth
    action restricted, Q1 and Q2 submitted, and a Q3 draft by the officer on every third."""

    def __init__(self, world):
        self.world = world
        self.years = itertools.count(2010)

    def __call__(self, n: int, *, open_quarter: bool = False):
        world = self.world
        plan, actions = make_plan(
            world.partnership,
            world.lead_org,
            actions=n,
            year=next(self.years),
            themes=7,
            restricted_every=4,
        )
        for action in actions[::3]:
            ProgressUpdateFactory(action=action, quarter=3, author=world.officer.user)
        if open_quarter:
            # One open quarter at a time across plans, as My actions expects of a partnership.
            ReportingQuarter.objects.filter(plan__partnership=world.partnership).delete()
            ReportingQuarterFactory(plan=plan, quarter=3)
        return plan, actions


def _url(world, name: str, *args) -> str:
    return reverse(f"actionplan:{name}", args=[world.partnership.slug, *args])


@pytest.mark.parametrize("persona", ["coordinator", "officer", "member"])
@pytest.mark.parametrize("query", ["", "?q=outcome+one", "?status=at_risk&q=work"])
def test_the_plan_page(world, persona, query):
    plans = Plans(world)

    def build(n):
        plan, _ = plans(n, open_quarter=True)
        return plan.get_absolute_url() + query

    counts = assert_fixed_queries(world.client_for(persona), build, warm=True)
    # Rows from the cache need none of the five queries that fetch their actions.
    assert counts.warm == counts.cold - 5


def test_an_action_page(world):
    plans = Plans(world)
    assert_fixed_queries(
        world.client_for("coordinator"), lambda n: _url(world, "action-detail", plans(n)[1][-1].pk)
    )


def test_my_actions(world):
    plans = Plans(world)

    def build(n):
        plans(n, open_quarter=True)
        return _url(world, "action-mine")

    assert_fixed_queries(world.client_for("officer"), build)


def test_my_actions_with_no_quarter_open(world):
    plans = Plans(world)
    assert_fixed_queries(
        world.client_for("officer"), lambda n: plans(n) and _url(world, "action-mine")
    )


@pytest.mark.parametrize("query", ["", "?sort=state", "?sort=-lead", "?sort=updated"])
def test_the_chasing_page(world, query):
    plans = Plans(world)

    def build(n):
        plan, actions = plans(n, open_quarter=True)
        for action in actions[1::3]:
            lead = action.leads.get()
            lead.officer = world.other_officer.user
            lead.save()
        return _url(world, "quarter-detail", plan.year.slug, 3) + query

    assert_fixed_queries(world.client_for("coordinator"), build)


@pytest.mark.parametrize("name", ["quarter-list", "quarter-close", "plan-roll-forward"])
def test_a_plan_s_year_pages(world, name):
    plans = Plans(world)

    def build(n):
        plan, _ = plans(n, open_quarter=True)
        return _url(
            world, name, *([plan.year.slug, 3] if name == "quarter-close" else [plan.year.slug])
        )

    assert_fixed_queries(world.client_for("coordinator"), build)


def test_the_strategy_page(world):
    def build(n):
        strategy = StrategyFactory(partnership=world.partnership)
        for number in range(1, n + 1):
            objective = ObjectiveFactory(strategy=strategy, number=number)
            objective.supporting_organisations.add(world.lead_org, world.other_org)
        return _url(world, "strategy-detail", strategy.pk)

    assert_fixed_queries(world.client_for("member"), build)

import pytest

from tests import factories
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def filtered(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=4, year=2024)
    first, second, third, fourth = actions
    first.text = "Tackle fly-tipping hot spots"
    first.save()
    factories.ActionLeadFactory(action=second, organisation=world.other_org)
    third.updates.filter(quarter=2).update(status="complete")
    fourth.outcomes.update(text="Two OPALS events held")
    return world, plan, actions


def _shown(world, plan, query):
    """The pks of the actions the plan page lists for ``query``, in order."""
    response = world.client_for("member").get(plan.get_absolute_url() + query)
    assert response.status_code == 200
    return [
        row.pk for theme in response.context["themes"] for aim in theme.aims for row in aim.actions
    ]


def test_search_looks_in_action_text_and_outcomes(filtered):
    world, plan, actions = filtered
    assert _shown(world, plan, "?q=fly-tipping") == [actions[0].pk]
    assert _shown(world, plan, "?q=opals") == [actions[3].pk]
    assert _shown(world, plan, "?q=nothing-like-this") == []


def test_filter_by_lead_organisation(filtered):
    world, plan, actions = filtered
    assert _shown(world, plan, f"?lead={world.other_org.pk}") == [actions[1].pk]


def test_filter_by_current_status(filtered):
    world, plan, actions = filtered
    assert _shown(world, plan, "?status=complete") == [actions[2].pk]
    assert len(_shown(world, plan, "?status=at_risk")) == 3


def test_filter_by_theme(filtered):
    world, plan, actions = filtered
    theme = plan.themes.get(number=2)
    assert _shown(world, plan, f"?theme={theme.pk}") == [actions[1].pk, actions[3].pk]


def test_an_invalid_filter_value_says_so_and_keeps_the_search(filtered):
    world, plan, _ = filtered
    response = world.client_for("member").get(plan.get_absolute_url() + "?status=nope&q=fly")
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'value="fly"' in html

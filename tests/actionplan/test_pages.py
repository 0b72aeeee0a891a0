"""Strategy, action plan and action pages: who may see them, what they show, at what cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.conftest import make_plan
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_world(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=4, year=2024)
    restricted = actions[0]
    restricted.restricted = True
    restricted.save()
    strategy = factories.StrategyFactory(partnership=world.partnership, title="Safer 2025–2028")
    factories.ObjectiveFactory(
        strategy=strategy, number=1, title="Reduce ASB", what_we_will_do="Patrol\nTalk"
    )
    return world, plan, actions, strategy


def _urls(plan, actions, strategy):
    slug = plan.partnership.slug
    return {
        "strategy": reverse("actionplan:strategy-detail", args=[slug, strategy.pk]),
        "plan": reverse("actionplan:plan-detail", args=[slug, plan.year.slug]),
        "action": reverse("actionplan:action-detail", args=[slug, actions[1].pk]),
        "restricted": reverse("actionplan:action-detail", args=[slug, actions[0].pk]),
    }


# Expected status per page and persona. Scrutiny reads the published reports, not the
# working plan; restricted work is hidden (404) from an officer whose organisation does not
# lead it; a member of another partnership learns nothing (404).
EXPECTED = {
    "admin": {"strategy": 200, "plan": 200, "action": 200, "restricted": 200},
    "coordinator": {"strategy": 200, "plan": 200, "action": 200, "restricted": 200},
    "officer": {"strategy": 200, "plan": 200, "action": 200, "restricted": 200},
    "other_officer": {"strategy": 200, "plan": 200, "action": 200, "restricted": 404},
    "member": {"strategy": 200, "plan": 200, "action": 200, "restricted": 200},
    "scrutiny": {"strategy": 200, "plan": 403, "action": 403, "restricted": 403},
    "outsider": {"strategy": 404, "plan": 404, "action": 404, "restricted": 404},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["strategy", "plan", "action", "restricted"])
def test_who_may_see_each_page(plan_world, persona, page):
    world, plan, actions, strategy = plan_world
    response = world.client_for(persona).get(_urls(plan, actions, strategy)[page])
    assert response.status_code == EXPECTED[persona][page]


@pytest.mark.parametrize("page", ["strategy", "plan", "action"])
def test_anonymous_is_sent_to_sign_in(plan_world, page):
    world, plan, actions, strategy = plan_world
    url = _urls(plan, actions, strategy)[page]
    response = world.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_read_only_pages_refuse_writes(plan_world, method):
    world, plan, actions, strategy = plan_world
    client = world.client_for("coordinator")
    for url in _urls(plan, actions, strategy).values():
        assert getattr(client, method)(url).status_code == 405


def test_unknown_or_malformed_year_is_404(plan_world):
    world, plan, *_ = plan_world
    client = world.client_for("coordinator")
    slug = world.partnership.slug
    for year in ["2030-31", "2024-26", "banana"]:
        # Written by hand: the URL converter refuses to build a link to a malformed year.
        response = client.get(f"/p/{slug}/plans/{year}/")
        assert response.status_code == 404


def test_another_partnerships_plan_cannot_be_reached_through_ours(plan_world):
    world, *_ = plan_world
    theirs, their_actions = make_plan(world.other_partnership, world.lead_org, actions=1, year=2024)
    client = world.client_for("coordinator")
    url = reverse("actionplan:action-detail", args=[world.partnership.slug, their_actions[0].pk])
    assert client.get(url).status_code == 404


def test_plan_page_lays_out_themes_aims_and_actions(plan_world):
    world, plan, actions, _ = plan_world
    response = world.client_for("member").get(plan.get_absolute_url())
    html = response.content.decode()
    assert html.count("<h1") == 1
    for theme in plan.themes.all():
        assert f"{theme.number}. {theme.title}" in html
    for action in actions:
        assert action.text in html
    assert "Outcome one" in html and "(target 10 events)" in html
    assert "At risk" in html  # the latest (Q2) status, with its label
    assert 'class="status status-at_risk"' in html


def test_a_theme_with_no_actions_yet_is_listed_unless_filters_are_on(plan_world):
    world, plan, actions, _ = plan_world
    factories.ThemeFactory(plan=plan, number=9, title="Fraud and scams")
    client = world.client_for("member")
    html = client.get(plan.get_absolute_url()).content.decode()
    assert '<h2 id="theme-9">9. Fraud and scams</h2>' in html
    assert html.count("No actions under this theme yet.") == 1
    filtered = client.get(plan.get_absolute_url(), {"status": "at_risk"}).content.decode()
    assert '<h2 id="theme-9">' not in filtered


def test_restricted_actions_are_hidden_from_other_organisations_with_a_note(plan_world):
    world, plan, actions, _ = plan_world
    html = world.client_for("other_officer").get(plan.get_absolute_url()).content.decode()
    assert actions[0].text not in html
    assert "1 restricted action discussed in closed JAG sessions is not shown" in html
    html = world.client_for("officer").get(plan.get_absolute_url()).content.decode()
    assert actions[0].text in html
    assert "restricted action discussed" not in html


def test_narrative_is_escaped_and_keeps_line_breaks(plan_world):
    world, plan, actions, _ = plan_world
    update = actions[1].updates.get(quarter=2)
    update.narrative = "First line\n<script>alert('x')</script>"
    update.save()
    html = world.client_for("member").get(plan.get_absolute_url()).content.decode()
    assert "First line<br>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_action_page_shows_every_quarter_of_the_year(plan_world):
    world, plan, actions, _ = plan_world
    response = world.client_for("member").get(
        reverse("actionplan:action-detail", args=[world.partnership.slug, actions[1].pk])
    )
    html = response.content.decode()
    for label in ["Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]:
        assert label in html
    assert html.count("No update for this quarter.") == 2


def test_strategy_page_shows_objectives_and_what_we_will_do(plan_world):
    world, _, _, strategy = plan_world
    html = world.client_for("scrutiny").get(strategy.get_absolute_url()).content.decode()
    assert "Objective 1: Reduce ASB" in html
    assert "<li>Patrol</li>" in html and "<li>Talk</li>" in html


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?status=at_risk&q=Action", "?theme={theme}"])
def test_plan_page_query_count_does_not_grow_with_the_plan(world, query):
    small, _ = make_plan(world.partnership, world.lead_org, actions=10, year=2020)
    large, _ = make_plan(world.partnership, world.lead_org, actions=200, year=2021, themes=7)
    client = world.client_for("officer")

    def url(plan):
        return plan.get_absolute_url() + query.format(theme=plan.themes.first().pk)

    small_count = _queries_for(client, url(small))
    large_count = _queries_for(client, url(large))
    assert small_count == large_count
    assert large_count <= 20


def test_action_and_home_pages_query_count_is_fixed(world):
    small, small_actions = make_plan(world.partnership, world.lead_org, actions=2, year=2020)
    large, large_actions = make_plan(world.partnership, world.lead_org, actions=60, year=2021)
    client = world.client_for("member")
    slug = world.partnership.slug
    assert _queries_for(
        client, reverse("actionplan:action-detail", args=[slug, small_actions[0].pk])
    ) == _queries_for(client, reverse("actionplan:action-detail", args=[slug, large_actions[0].pk]))
    home = reverse("reports:home", args=[slug])
    before = _queries_for(client, home)
    make_plan(world.partnership, world.lead_org, actions=30, year=2022)
    assert _queries_for(client, home) == before


def test_scrutiny_may_not_read_a_draft_strategy(plan_world):
    world, _, _, strategy = plan_world
    strategy.status = "draft"
    strategy.save()
    scrutiny = world.client_for("scrutiny")
    response = scrutiny.get(strategy.get_absolute_url())
    assert response.status_code == 403
    assert "still a draft" in response.content.decode()
    home = scrutiny.get(reverse("reports:home", args=[world.partnership.slug])).content.decode()
    assert strategy.title not in home
    assert world.client_for("member").get(strategy.get_absolute_url()).status_code == 200

"""An archived action (it had progress, so it was archived rather than deleted) drops out of
everything that lists a plan's actions: all of them select through ``Action.objects.live()``."""

import pytest
from django.urls import reverse

from actionplan import authoring, selectors
from actionplan.selectors import cycle as cycle_selectors
from reports.papers import PaperPeriod, build
from tests import factories
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(world):
    """Plan 2024/25 with two actions led by the officer's organisation; Q3 open; one archived."""
    plan, actions = make_plan(world.partnership, world.lead_org, actions=2, themes=1)
    factories.ReportingQuarterFactory(plan=plan, quarter=3)
    gone, kept = actions
    authoring.record_remove(membership=world.coordinator, record=gone, seen_version=gone.version)
    gone.refresh_from_db()
    assert gone.archived_at is not None
    return plan, gone, kept


def test_not_on_the_plan_page_my_actions_or_chasing(world, archived):
    plan, gone, kept = archived
    slug = world.partnership.slug
    pages = [
        (world.client_for("coordinator"), plan.get_absolute_url()),
        (world.client_for("officer"), reverse("actionplan:action-mine", args=[slug])),
        (world.client_for("coordinator"), reverse("actionplan:quarter-chasing", args=[slug])),
    ]
    for client, page_url in pages:
        page = client.get(page_url, follow=True).content.decode()
        assert kept.text in page, page_url
        assert gone.text not in page, page_url


def test_not_in_the_dashboard_the_papers_or_roll_forward(world, archived):
    plan, gone, kept = archived
    progress = selectors.plan_progress(plan, 2, None)
    assert [row.pk for row in progress.actions] == [kept.pk]
    summary = selectors.plans_with_progress(world.coordinator)
    assert {s.plan.pk: s.action_count for s in summary}[plan.pk] == 1
    paper = build("jag", world.partnership, PaperPeriod.parse("2024/25-Q2"))
    assert paper.body.total == 1
    split = cycle_selectors.roll_split(plan)
    assert gone.pk not in [row.action.pk for row in split.carried + split.left_behind]
    dashboard = world.client_for("coordinator").get(
        reverse("reports:dashboard-quarter", args=[world.partnership.slug, "2024-25", 2])
    )
    html = dashboard.content.decode()
    assert kept.text in html and gone.text not in html  # both were at risk in Q2


def test_still_on_the_outline_to_restore(world, archived):
    plan, gone, kept = archived
    page = world.client_for("coordinator").get(
        reverse("actionplan:plan-outline", args=[world.partnership.slug, plan.year.slug])
    )
    html = page.content.decode()
    assert gone.text in html and "Restore" in html

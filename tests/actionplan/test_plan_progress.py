"""The plan page shows which quarter is open and how many visible actions still lack an
update, at a fixed query cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.models import ProgressUpdate
from tests.conftest import make_plan
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    plan, actions = make_plan(
        world.partnership, world.lead_org, actions=6, year=2024, restricted_every=3
    )
    return world, plan, actions


def test_without_an_open_quarter_the_page_says_so(setup):
    world, plan, _ = setup
    html = world.client_for("member").get(plan.get_absolute_url()).content.decode()
    assert "No quarter of this plan is open for updates." in html


def test_the_open_quarter_and_what_is_still_lacking(setup):
    world, plan, actions = setup
    ReportingQuarterFactory(
        plan=plan,
        quarter=3,
        deadline=datetime.date(2024, 10, 14),
        opens_on=datetime.date(2024, 10, 1),
    )
    ProgressUpdateFactory(action=actions[1], quarter=3, state=State.SUBMITTED)
    ProgressUpdateFactory(action=actions[2], quarter=3, state=State.ACCEPTED)
    ProgressUpdateFactory(action=actions[4], quarter=3, state=State.DRAFT)
    html = world.client_for("coordinator").get(plan.get_absolute_url()).content.decode()
    assert "Q3 2024/25 is open for updates</strong> until 14 October 2024" in html
    assert (
        "4 of the 6 actions you can see still lack a submitted update "
        "(3 not yet written, 1 in draft or returned)." in html
    )
    # Restricted actions 0 and 3 are not counted for someone who cannot see them.
    html = world.client_for("other_officer").get(plan.get_absolute_url()).content.decode()
    assert "2 of the 4 actions you can see still lack a submitted update" in html


def test_links_to_the_workflow_follow_the_rules(setup):
    world, plan, _ = setup
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    mine = reverse("actionplan:action-mine", args=[world.partnership.slug])
    quarters = reverse("actionplan:quarter-list", args=[world.partnership.slug, plan.year.slug])
    chase = window.get_absolute_url()
    coordinator = world.client_for("coordinator").get(plan.get_absolute_url()).content.decode()
    assert all(f'href="{url}"' in coordinator for url in (mine, quarters, chase))
    officer = world.client_for("officer").get(plan.get_absolute_url()).content.decode()
    assert f'href="{mine}"' in officer
    assert f'href="{chase}"' not in officer and f'href="{quarters}"' not in officer
    member = world.client_for("member").get(plan.get_absolute_url()).content.decode()
    assert not any(f'href="{url}"' in member for url in (mine, quarters, chase))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_fixed_with_an_open_quarter(world):
    client = world.client_for("officer")
    counts = []
    for year, size in ((2020, 10), (2021, 200)):
        plan, actions = make_plan(
            world.partnership, world.lead_org, actions=size, year=year, themes=7
        )
        ReportingQuarterFactory(plan=plan, quarter=3)
        for action in actions[::4]:
            ProgressUpdateFactory(submitted=True, action=action, quarter=3)
        counts.append(_queries(client, plan.get_absolute_url()))
    assert counts[0] == counts[1]

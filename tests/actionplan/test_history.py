"""History: every change to an update, its outcome figures, the action and its outcomes is
kept with who and when, and the action page shows it quarter by quarter."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan import services
from actionplan.models import Action, ExpectedOutcome, ProgressUpdate
from tests.conftest import make_plan
from tests.factories import ReportingQuarterFactory

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    action = actions[0]
    world.officer.user.first_name, world.officer.user.last_name = "Olive", "Officer"
    world.officer.user.save()
    world.coordinator.user.first_name, world.coordinator.user.last_name = "Cora", "Ordinator"
    world.coordinator.user.save()
    return world, plan, window, action


def _edit_url(world, action):
    return reverse("actionplan:update-edit", args=[world.partnership.slug, action.pk, 3])


def _page(world, action, persona="member") -> str:
    url = reverse("actionplan:action-detail", args=[world.partnership.slug, action.pk])
    return world.client_for(persona).get(url).content.decode()


def _q3_edits(html: str) -> list[str]:
    q3 = html[html.index("Q3 2024/25") : html.index("Q4 2024/25")]
    return [
        re.sub(r"\s+", " ", item).strip()
        for item in re.findall(r'<li class="mb-1">(.*?)</li>', q3, re.S)
    ]


def _walk_through_a_quarter(world, action):
    """Draft, submit, returned with a reason, submitted again, accepted: through the pages."""
    officer, coordinator = world.client_for("officer"), world.client_for("coordinator")
    numeric = action.outcomes.order_by("pk").first()
    figure = f"outcome_{numeric.pk}_figure"
    url = _edit_url(world, action)
    officer.post(
        url,
        {"status": "not_started", "narrative": "", "version": "", "intent": "draft", figure: "2"},
    )
    officer.post(
        url,
        {
            "status": "on_track",
            "narrative": "Started.",
            "version": "1",
            "intent": "submit",
            figure: "4",
        },
    )
    review = reverse("actionplan:update-review", args=[world.partnership.slug, action.pk, 3])
    coordinator.post(review, {"intent": "return", "version": "2", "reason": "Name the venues."})
    officer.post(
        url,
        {
            "status": "on_track",
            "narrative": "Started at two venues.",
            "version": "3",
            "intent": "submit",
            figure: "4",
        },
    )
    coordinator.post(review, {"intent": "accept", "version": "4"})


def test_every_edit_of_the_update_is_recorded_with_who_and_when(setup):
    world, plan, window, action = setup
    _walk_through_a_quarter(world, action)
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    records = list(update.history.order_by("history_date"))
    assert [r.state for r in records] == ["draft", "submitted", "returned", "submitted", "accepted"]
    assert [r.history_user for r in records] == [
        world.officer.user,
        world.officer.user,
        world.coordinator.user,
        world.officer.user,
        world.coordinator.user,
    ]
    assert records[2].return_reason == "Name the venues."
    figures = update.outcome_progress.get()
    assert [r.achieved_figure for r in figures.history.order_by("history_date")] == [2, 4]


def test_the_action_page_shows_the_quarters_edits_in_order(setup):
    world, plan, window, action = setup
    _walk_through_a_quarter(world, action)
    edits = _q3_edits(_page(world, action))
    assert len(edits) == 5
    assert edits[0].startswith("<strong>Saved as a draft</strong> by Olive Officer")
    assert "Status: Not started" in edits[0]
    assert "Figure achieved so far for “Outcome one”: blank → 2 events" in edits[0]
    assert edits[1].startswith("<strong>Submitted</strong> by Olive Officer")
    assert "Status: Not started → On track" in edits[1] and "Narrative changed" in edits[1]
    assert "2 events → 4 events" in edits[1]
    assert edits[2].startswith("<strong>Returned for changes</strong> by Cora Ordinator")
    assert "Reason given: <q>Name the venues.</q>" in edits[2]
    assert edits[3].startswith("<strong>Submitted</strong> by Olive Officer")
    assert edits[4].startswith("<strong>Accepted</strong> by Cora Ordinator")
    assert "Edits in Q3 (5)" in _page(world, action)


def test_the_quarter_shows_its_window(setup):
    world, plan, window, action = setup
    html = _page(world, action)
    assert "Open for updates until 14 July 2024." in html
    services.quarter_close(membership=world.coordinator, window=window)
    assert "updates frozen" in _page(world, action)


def test_changes_to_the_action_and_its_outcomes_are_shown(setup):
    world, plan, window, action = setup
    action = Action.objects.get(pk=action.pk)
    action.text = "A clearer action text"
    action.restricted = True
    action._history_user = world.coordinator.user
    action.save()
    outcome = action.outcomes.order_by("pk").first()
    outcome.target = 12
    outcome._history_user = world.coordinator.user
    outcome.save()
    ExpectedOutcome.objects.create(action=action, text="A new outcome")
    html = _page(world, action)
    assert "Action changed</strong> by Cora Ordinator" in html
    assert "Action text changed; Restricted: no → yes" in html
    assert "Expected outcome changed: “Outcome one”</strong> by Cora Ordinator" in html
    assert "Target: 10 → 12" in html
    assert "Expected outcome added: “A new outcome”" in html


def test_the_edit_links_follow_the_rules(setup):
    world, plan, window, action = setup
    edit = f'href="{_edit_url(world, action)}"'
    assert edit in _page(world, action, "officer")
    assert edit in _page(world, action, "coordinator")
    assert edit not in _page(world, action, "member")
    assert edit not in _page(world, action, "other_officer")
    services.quarter_close(membership=world.coordinator, window=window)
    assert edit not in _page(world, action, "officer")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_timeline_costs_the_same_queries_however_long_it_is(setup):
    world, plan, window, action = setup
    client = world.client_for("coordinator")  # shown the drafts too
    url = reverse("actionplan:action-detail", args=[world.partnership.slug, action.pk])
    _walk_through_a_quarter(world, action)
    short = _queries(client, url)
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    services.update_return(
        membership=world.coordinator, update=update, reason="Again", seen_version=update.version
    )
    for n in range(10):
        update.refresh_from_db()
        services.update_save_draft(
            membership=world.officer,
            action=action,
            window=window,
            content=services.UpdateContent(status="on_track", narrative=f"Draft {n}"),
            seen_version=update.version,
        )
    assert _queries(client, url) == short

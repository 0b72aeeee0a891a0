"""Drafts and returned updates are shown to their author and coordinators only; everyone else
reads reported progress (submitted or accepted) on the plan, action and home pages."""

import pytest
from django.urls import reverse

from actionplan.models import ProgressUpdate
from actionplan.rules import shown_updates_filter
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(world):
    plan = factories.ActionPlanFactory(partnership=world.partnership, title="Plan with drafts")
    action = factories.ActionFactory(aim__theme__plan=plan, text="Patrol the parks")
    factories.ActionLeadFactory(action=action, organisation=world.lead_org)
    factories.ProgressUpdateFactory(
        action=action, quarter=1, status="on_track", state="accepted", narrative="Reported Q1"
    )
    factories.ProgressUpdateFactory(
        action=action,
        quarter=2,
        status="off_track",
        state="draft",
        narrative="Unsent draft words",
        author=world.officer.user,
    )
    return plan, action


def test_the_filter_by_viewer(world, drafted):
    _, action = drafted

    def states(viewer, **kwargs):
        shown = ProgressUpdate.objects.filter(shown_updates_filter(viewer, **kwargs))
        return sorted(shown.filter(action=action).values_list("state", flat=True))

    assert states(None) == ["accepted"]
    assert states(world.member) == ["accepted"]
    assert states(world.other_officer) == ["accepted"]
    assert states(world.officer) == ["accepted", "draft"]  # its author
    assert states(world.coordinator) == ["accepted", "draft"]
    ProgressUpdate.objects.filter(action=action, quarter=1).update(state="submitted")
    assert states(None) == ["submitted"]
    assert states(None, public=True) == []
    ProgressUpdate.objects.filter(action=action, quarter=2).update(state="returned")
    assert states(world.member) == ["submitted"]


@pytest.mark.parametrize(
    "persona,sees_draft", [("member", False), ("other_officer", False), ("officer", True),
                           ("coordinator", True)],
)  # fmt: skip
def test_plan_and_action_pages(world, drafted, persona, sees_draft):
    plan, action = drafted
    client = world.client_for(persona)
    # The plan page shows each action's latest update that the reader is shown.
    html = client.get(plan.get_absolute_url()).content.decode()
    assert ("Unsent draft words" in html) is sees_draft
    assert ("Reported Q1" in html) is not sees_draft
    # The action page shows every quarter.
    url = reverse("actionplan:action-detail", args=[world.partnership.slug, action.pk])
    html = client.get(url).content.decode()
    assert "Reported Q1" in html
    assert ("Unsent draft words" in html) is sees_draft
    search = client.get(plan.get_absolute_url() + "?q=Unsent").context["action_count"]
    assert search == (1 if sees_draft else 0)
    status = client.get(plan.get_absolute_url() + "?status=on_track").context["action_count"]
    assert status == (0 if sees_draft else 1)


def test_home_page_status_counts_read_reported_progress(world, drafted):
    from tests.reports.panels import panel_data

    plan, _ = drafted
    url = reverse("reports:home", args=[world.partnership.slug])
    for persona, status in (("member", "on_track"), ("coordinator", "off_track")):
        plans = panel_data(world.client_for(persona).get(url), "actionplan")["plans"]
        summary = next(s for s in plans if s.plan.pk == plan.pk)
        assert dict(summary.by_status) == {status: 1}, persona

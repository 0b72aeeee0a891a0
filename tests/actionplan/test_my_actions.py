"""My actions: the actions a person may update in the open quarter, grouped by theme, with
last quarter's status and text, whether this quarter's update is done, and the deadline."""

import datetime
import re

import pytest
from django.urls import reverse

from actionplan.models import ProgressUpdate
from tests import factories
from tests.conftest import make_plan
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


def _url(world):
    return reverse("actionplan:action-mine", args=[world.partnership.slug])


@pytest.fixture
def setup(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=4, year=2024, themes=2)
    window = ReportingQuarterFactory(
        plan=plan,
        quarter=3,
        opens_on=datetime.date(2024, 10, 1),
        deadline=datetime.date(2024, 10, 14),
    )
    # An action led by another organisation: not on the officer's list.
    theirs = factories.ActionFactory(aim=actions[0].aim, letter="zz", text="HFRS home visits")
    factories.ActionLeadFactory(action=theirs, organisation=world.other_org)
    return world, plan, window, actions, theirs


MY_ACTIONS_STATUS = {
    "admin": 200,
    "coordinator": 200,
    "officer": 200,
    "other_officer": 200,
    "member": 403,
    "scrutiny": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_see_my_actions(setup, persona):
    world, *_ = setup
    assert world.client_for(persona).get(_url(world)).status_code == MY_ACTIONS_STATUS[persona]


def test_anonymous_is_sent_to_sign_in(setup):
    world, *_ = setup
    response = world.client_for("anonymous").get(_url(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_my_actions_are_the_ones_my_organisation_leads_grouped_by_theme(setup):
    world, plan, window, actions, theirs = setup
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "Q3 2024/25 updates for Plan 2024" in html
    assert "Updates are due by <strong>Monday 14 October 2024</strong>" in html
    for theme in plan.themes.all():
        assert f">{theme}</h3>" in html
    headings = re.findall(r'<h3 class="h4 mt-4"[^>]*>([^<]+)</h3>', html)
    assert headings == [str(theme) for theme in plan.themes.order_by("number")]
    for action in actions:
        assert action.text in html
        edit = reverse("actionplan:update-edit", args=[world.partnership.slug, action.pk, 3])
        assert f'href="{edit}"' in html
    assert "HFRS home visits" not in html


def test_each_row_shows_last_quarters_status_and_text_and_this_quarters_state(setup):
    world, plan, window, actions, _ = setup
    q2 = actions[0].updates.get(quarter=2)
    q2.narrative = "Funding confirmed <b>late</b>."
    q2.save()
    ProgressUpdateFactory(action=actions[1], quarter=3, state=State.SUBMITTED)
    ProgressUpdateFactory(action=actions[2], quarter=3, state=State.DRAFT)
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "Funding confirmed &lt;b&gt;late&lt;/b&gt;." in html
    assert "At risk" in html  # Q2's status, with its label
    assert "You have submitted 1 of 4." in html
    assert len(re.findall(r">\s*Missing</span>", html)) == 2
    assert re.search(r">\s*Draft</span>", html) and re.search(r">\s*Submitted</span>", html)
    assert "Write update<" in html and "Continue draft<" in html and "Change update<" in html


def test_the_named_lead_officer_sees_the_actions_they_are_named_on(setup):
    world, plan, window, actions, theirs = setup
    lead = theirs.leads.get()
    lead.officer = world.officer.user
    lead.save()
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "HFRS home visits" in html
    html = world.client_for("other_officer").get(_url(world)).content.decode()
    assert "HFRS home visits" in html  # their organisation still leads it


def test_returned_updates_are_shown_with_the_reason(setup):
    world, plan, window, actions, _ = setup
    ProgressUpdateFactory(
        action=actions[3],
        quarter=3,
        state=State.RETURNED,
        return_reason="Please add the attendance figures.",
        reviewed_by=world.coordinator.user,
    )
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "Returned to you for changes" in html
    assert "Please add the attendance figures." in html
    assert "Revise update<" in html


def test_an_accepted_update_has_no_edit_link(setup):
    world, plan, window, actions, _ = setup
    ProgressUpdateFactory(action=actions[0], quarter=3, state=State.ACCEPTED)
    html = world.client_for("officer").get(_url(world)).content.decode()
    edit = reverse("actionplan:update-edit", args=[world.partnership.slug, actions[0].pk, 3])
    assert f'href="{edit}"' not in html
    assert "Accepted by the coordinator: final." in html


def test_without_an_open_quarter_the_page_says_so(setup):
    world, plan, window, *_ = setup
    window.state = "closed"
    window.closed_at = datetime.datetime(2024, 10, 20, tzinfo=datetime.UTC)
    window.save()
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "No quarter is open for updates" in html
    assert "Your actions in Plan 2024" in html  # still listed, read only


def test_an_officer_who_leads_nothing_is_told(setup):
    world, *_ = setup
    world.other_org.led_actions.all().delete()
    html = world.client_for("other_officer").get(_url(world)).content.decode()
    assert "You do not lead any actions in Plan 2024." in html


def test_q1_has_no_last_quarter(world):
    plan, _ = make_plan(world.partnership, world.lead_org, actions=1, year=2025)
    ReportingQuarterFactory(plan=plan, quarter=1)
    html = world.client_for("officer").get(_url(world)).content.decode()
    assert "Q1 is the first quarter of the plan." in html

"""The rules of who may write, edit and review progress updates, for every role and every
state of the quarter: open, closed and not yet open."""

import pytest

from actionplan import rules
from actionplan.models import ActionPlan, ProgressUpdate, ReportingQuarter
from tests.conftest import make_plan
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State

# Who may write an action's update, by quarter state. The action is led by the officer's
# organisation; other_officer works for another organisation of the partnership.
MAY_WRITE = {
    "open": {"admin", "coordinator", "officer"},
    "closed": set(),
    "not_open": set(),
}


@pytest.fixture
def plan_and_action(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=2, year=2024)
    return plan, actions[0]


def _window(plan, state: str) -> ReportingQuarter | None:
    if state == "not_open":
        return None
    return ReportingQuarterFactory(plan=plan, quarter=3, state=state)


@pytest.mark.parametrize("state", ["open", "closed", "not_open"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_write_an_update_in_each_quarter_state(world, plan_and_action, persona, state):
    plan, action = plan_and_action
    window = _window(plan, state)
    membership = getattr(world, persona)
    allowed = rules.can_write_update(membership, action, window)
    assert allowed is (persona in MAY_WRITE[state])
    refusal = rules.update_write_refusal(membership, action, window)
    assert (refusal is None) is allowed
    if not allowed:
        assert refusal  # always a reason the person can read


def test_refusals_say_why(world, plan_and_action):
    plan, action = plan_and_action
    assert "not open for updates yet" in rules.update_write_refusal(world.officer, action, None)
    closed = ReportingQuarterFactory(plan=plan, quarter=3, state="closed")
    assert "frozen" in rules.update_write_refusal(world.officer, action, closed)
    assert "re-open" in rules.update_write_refusal(world.coordinator, action, closed)
    window = ReportingQuarterFactory(plan=plan, quarter=4, state="open")
    assert "RAG members" in rules.update_write_refusal(world.member, action, window)
    assert "organisations that lead" in rules.update_write_refusal(
        world.other_officer, action, window
    )
    assert "another partnership" in rules.update_write_refusal(world.outsider, action, window)


def test_a_named_lead_officer_of_another_organisation_may_write(world, plan_and_action):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=1)
    assert not rules.can_write_update(world.other_officer, action, window)
    lead = action.leads.first()
    lead.officer = world.other_officer.user
    lead.save()
    action = type(action).objects.get(pk=action.pk)
    assert rules.can_write_update(world.other_officer, action, window)
    assert rules.leads_action(world.other_officer, action)


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_actions_with_leading_agrees_with_their_leads(
    world, plan_and_action, persona, django_assert_num_queries
):
    plan, action = plan_and_action
    lead = action.leads.first()
    lead.officer = world.other_officer.user
    lead.save()
    membership = getattr(world, persona)
    for read in type(action).objects.filter(aim__theme__plan=plan):
        with_leading = rules.with_leading(type(action).objects.all(), membership).get(pk=read.pk)
        with django_assert_num_queries(0):
            led = rules.leads_action(membership, with_leading)
        assert led == rules.leads_action(membership, read)


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_actions_are_the_ones_the_member_leads(
    world, plan_and_action, persona, django_assert_num_queries
):
    plan, action = plan_and_action
    membership = getattr(world, persona)
    actions = type(action).objects.filter(aim__theme__plan=plan)
    mine = list(rules.my_actions_of(actions, membership))
    assert {a.pk for a in mine} == {
        a.pk for a in actions.filter(rules.my_actions_filter(membership))
    }
    with django_assert_num_queries(0):
        assert all(rules.leads_action(membership, a) for a in mine)


def test_a_named_lead_officer_sees_the_restricted_action_they_lead(world, plan_and_action):
    plan, action = plan_and_action
    action.restricted = True
    action.save()
    assert not rules.can_view_action(world.other_officer, action)
    lead = action.leads.first()
    lead.officer = world.other_officer.user
    lead.save()
    action = type(action).objects.get(pk=action.pk)
    assert rules.can_view_action(world.other_officer, action)
    visible = type(action).objects.filter(rules.visible_actions_filter(world.other_officer))
    assert action in visible


def test_members_and_scrutiny_never_write_even_if_named_as_lead(world, plan_and_action):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=1)
    lead = action.leads.first()
    for persona in ("member", "scrutiny"):
        lead.officer = getattr(world, persona).user
        lead.save()
        fresh = type(action).objects.get(pk=action.pk)
        assert not rules.can_write_update(getattr(world, persona), fresh, window)
        assert not rules.may_write_updates(getattr(world, persona))


def test_an_unapproved_plan_takes_no_updates_even_with_a_window(world, plan_and_action):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=1)
    plan.status = ActionPlan.Status.CLOSED
    plan.save()
    window.plan.status = ActionPlan.Status.CLOSED
    assert not rules.can_write_update(world.coordinator, action, window)


def test_a_window_of_another_plan_does_not_count(world, plan_and_action):
    plan, action = plan_and_action
    other_plan, _ = make_plan(world.partnership, world.lead_org, actions=1, year=2025)
    window = ReportingQuarterFactory(plan=other_plan, quarter=1)
    assert not rules.can_write_update(world.coordinator, action, window)


@pytest.mark.parametrize("persona", ["admin", "coordinator", "officer"])
def test_an_accepted_update_is_final_for_everyone(world, plan_and_action, persona):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.ACCEPTED)
    membership = getattr(world, persona)
    assert rules.can_write_update(membership, action, window)
    assert not rules.can_edit_update(membership, action, window, update)
    assert "accepted" in rules.update_edit_refusal(membership, action, window, update)


@pytest.mark.parametrize(
    "state", [State.DRAFT, State.SUBMITTED, State.RETURNED, State.ACCEPTED, None]
)
def test_writers_edit_any_update_that_is_not_accepted(world, plan_and_action, state):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    update = ProgressUpdateFactory(action=action, quarter=3, state=state) if state else None
    assert rules.can_edit_update(world.officer, action, window, update) is (state != State.ACCEPTED)


# Review: only the coordinator (or an administrator), only while the quarter is open, only a
# submitted update can be accepted; a submitted or accepted one can be returned.
REVIEW = {
    State.DRAFT: (False, False),
    State.SUBMITTED: (True, True),
    State.RETURNED: (False, False),
    State.ACCEPTED: (False, True),
}


@pytest.mark.parametrize("state", list(REVIEW))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_accept_or_return(world, plan_and_action, persona, state):
    plan, action = plan_and_action
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    update = ProgressUpdateFactory(action=action, quarter=3, state=state)
    membership = getattr(world, persona)
    may_accept, may_return = REVIEW[state]
    manages = persona in ("admin", "coordinator")  # the outsider coordinates elsewhere
    assert rules.can_accept_update(membership, update, window) is (may_accept and manages)
    assert rules.can_return_update(membership, update, window) is (may_return and manages)


@pytest.mark.parametrize("state", ["closed", "not_open"])
def test_no_review_outside_an_open_quarter(world, plan_and_action, state):
    plan, action = plan_and_action
    window = _window(plan, state)
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.SUBMITTED)
    assert not rules.can_accept_update(world.coordinator, update, window)
    assert not rules.can_return_update(world.coordinator, update, window)
    assert rules.review_refusal(world.coordinator, update, window)


def test_quarters_are_managed_by_coordinators_and_administrators_only(world):
    managers = {p for p in PERSONAS if rules.can_manage_quarters(getattr(world, p))}
    assert managers == {"admin", "coordinator", "outsider"}  # outsider in their own partnership

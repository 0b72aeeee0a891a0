"""The year's cycle: closing a quarter through its confirmation page, My actions between
quarters, what comes next, a plan's status (draft -> approved -> closed) and rolling a plan
forward into next year's draft."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from actionplan import cycle_services, services
from actionplan.models import Action, ActionLead, ActionPlan, ProgressUpdate
from actionplan.selectors import cycle as cycle_selectors
from sosafe.periods import FinancialYear
from tests import factories
from tests.conftest import make_plan
from tests.personas import MANAGERS, PERSONAS, VISITORS, expected_status

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def plan(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=5, year=2024)
    return plan


def _open(world, plan, quarter):
    return services.quarter_open(
        membership=world.coordinator, plan=plan, quarter=quarter, deadline=NEXT_WEEK
    )


def _actions(plan):
    return list(Action.objects.filter(aim__theme__plan=plan).order_by("pk"))


def _url(name, world, plan, *extra):
    return reverse(f"actionplan:{name}", args=[world.partnership.slug, plan.year.slug, *extra])


# Closing a quarter asks first ----------------------------------------------------------------


def _q3_with_every_state(world, plan):
    """Q3 open: one draft, one returned, one submitted, one accepted, one missing."""
    window = _open(world, plan, 3)
    first, second, third, fourth, _missing = _actions(plan)
    for action, state in [
        (first, "draft"),
        (second, "returned"),
        (third, "submitted"),
        (fourth, "accepted"),
    ]:
        factories.ProgressUpdateFactory(action=action, quarter=3, state=state, status="on_track")
    return window


def test_the_close_summary_counts_what_closing_freezes(world, plan):
    window = _q3_with_every_state(world, plan)
    summary = cycle_selectors.close_summary(window)
    assert (summary.drafts, summary.returned, summary.missing) == (1, 1, 1)
    assert (summary.submitted, summary.accepted, summary.total) == (1, 1, 5)
    assert summary.frozen_unfinished == 3


def test_closing_shows_a_confirmation_page_first_and_closes_only_on_post(world, plan):
    window = _q3_with_every_state(world, plan)
    client = world.client_for("coordinator")
    page = client.get(_url("quarter-close", world, plan, 3))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Close Q3 2024/25 for updates?" in html
    assert '<td class="text-end" id="count-drafts">1</td>' in html
    assert '<td class="text-end" id="count-returned">1</td>' in html
    assert '<td class="text-end" id="count-missing">1</td>' in html
    assert "3 actions will be frozen without a submitted update" in html
    window.refresh_from_db()
    assert window.is_open  # looking does not close it
    response = client.post(_url("quarter-close", world, plan, 3))
    assert response.status_code == 302
    window.refresh_from_db()
    assert window.state == "closed"
    assert ProgressUpdate.objects.filter(quarter=3, state="draft").count() == 1


def test_the_confirmation_of_a_closed_quarter_goes_back_to_it(world, plan):
    window = _open(world, plan, 1)
    services.quarter_close(membership=world.coordinator, window=window)
    response = world.client_for("coordinator").get(_url("quarter-close", world, plan, 1))
    assert response.status_code == 302
    assert response.url == window.get_absolute_url()


@pytest.mark.parametrize("persona", VISITORS)
def test_who_may_see_the_close_confirmation(world, plan, persona):
    _open(world, plan, 1)
    response = world.client_for(persona).get(_url("quarter-close", world, plan, 1))
    assert response.status_code == expected_status(persona, MANAGERS)


# My actions between quarters, and what comes next --------------------------------------------


def _lead(world, plan):
    for lead in ActionLead.objects.filter(action__aim__theme__plan=plan):
        lead.officer = world.officer.user
        lead.save()


def test_my_actions_lists_the_last_updates_read_only_when_no_quarter_is_open(world, plan):
    _lead(world, plan)
    window = _open(world, plan, 3)
    first, second, *_ = _actions(plan)
    factories.ProgressUpdateFactory(
        action=second, quarter=3, state="returned", return_reason="Add the figures"
    )
    services.quarter_close(membership=world.coordinator, window=window)
    response = world.client_for("officer").get(
        reverse("actionplan:action-mine", args=[world.partnership.slug])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No quarter is open for updates" in html
    assert "Q4 2024/25 of Plan 2024 opens next." in html
    assert "Frozen while returned for changes" in html and "Add the figures" in html
    assert first.text[:20] in html
    assert "Write update" not in html and "Revise update" not in html
    rows = [
        row
        for entry in cycle_selectors.my_latest_actions(world.officer)
        for _, r in entry.themes
        for row in r
    ]
    assert len(rows) == 5
    assert {row.update.quarter for row in rows} == {2, 3}


def test_my_latest_actions_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    make_plan(world.partnership, world.lead_org, actions=2, year=2023)
    with django_assert_num_queries(4):
        assert len(cycle_selectors.my_latest_actions(world.officer)[0].themes) == 2
    make_plan(world.partnership, world.lead_org, actions=12, year=2024, themes=3)
    with django_assert_num_queries(4):
        assert len(cycle_selectors.my_latest_actions(world.officer)[0].themes) == 3


def test_what_comes_next(world, plan):
    step = cycle_selectors.next_step(world.partnership)
    assert (step.plan, step.quarter) == (plan, 1)
    for quarter in range(1, 5):
        services.quarter_close(membership=world.coordinator, window=_open(world, plan, quarter))
    assert "roll this plan forward" in cycle_selectors.next_step(world.partnership).message
    result = cycle_services.plan_roll_forward(plan=plan, by=world.coordinator)
    step = cycle_selectors.next_step(world.partnership)
    assert step.quarter is None and "once RAG approves it" in step.message
    cycle_services.plan_approve(
        membership=world.coordinator, plan=result.new_plan, approved_on=TODAY
    )
    step = cycle_selectors.next_step(world.partnership)
    assert (step.plan, step.quarter) == (result.new_plan, 1)
    page = world.client_for("coordinator").get(
        reverse("actionplan:quarter-chasing", args=[world.partnership.slug])
    )
    assert "Open 2025/26 Q1 for updates" in page.content.decode()
    _open(world, result.new_plan, 1)  # Q1 of the next plan opens once approved


# A plan's status ------------------------------------------------------------------------------


def test_a_draft_is_approved_with_the_date_and_recorded(world, plan):
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    with pytest.raises(ValidationError) as error:
        cycle_services.plan_approve(
            membership=world.coordinator, plan=plan, approved_on=TODAY + datetime.timedelta(1)
        )
    assert "approved_on" in error.value.message_dict
    cycle_services.plan_approve(
        membership=world.coordinator, plan=plan, approved_on=datetime.date(2024, 3, 27)
    )
    plan.refresh_from_db()
    assert (plan.status, plan.approved_on) == ("approved", datetime.date(2024, 3, 27))
    assert plan.history.latest().history_change_reason == "Approved by RAG"
    with pytest.raises(ValidationError, match="already approved"):
        cycle_services.plan_approve(membership=world.coordinator, plan=plan, approved_on=TODAY)


def test_a_plan_closes_only_when_no_quarter_is_open(world, plan):
    window = _open(world, plan, 1)
    with pytest.raises(ValidationError, match="Q1 2024/25 is still open"):
        cycle_services.plan_close(membership=world.coordinator, plan=plan)
    services.quarter_close(membership=world.coordinator, window=window)
    cycle_services.plan_close(membership=world.coordinator, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "closed"


@pytest.mark.parametrize("persona", ["officer", "member", "scrutiny", "outsider"])
def test_only_the_partnerships_coordinator_changes_a_plans_status(world, plan, persona):
    membership = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        cycle_services.plan_close(membership=membership, plan=plan)
    with pytest.raises(PermissionDenied):
        cycle_services.plan_roll_forward(plan=plan, by=membership)
    plan.refresh_from_db()
    assert plan.status == "approved"


def test_the_approval_form_keeps_what_was_typed_and_says_what_to_fix(world, plan):
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    client = world.client_for("coordinator")
    response = client.post(_url("plan-approve", world, plan), {"approved_on": "27 Marchh"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in html
    assert 'href="#id_approved_on">Approved by RAG on: Enter the date as a date' in html
    assert 'value="27 Marchh"' in html
    response = client.post(_url("plan-approve", world, plan), {"approved_on": "2024-03-27"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"


# Rolling forward ------------------------------------------------------------------------------


def _complete(plan, actions):
    for action in actions:
        factories.ProgressUpdateFactory(
            action=action, quarter=3, status="complete", state="accepted"
        )


def test_rolling_forward_carries_what_is_not_complete(world, plan):
    first, second, third, fourth, fifth = _actions(plan)
    _complete(plan, [first, third])
    factories.ProgressUpdateFactory(action=fifth, quarter=3, status="complete", state="draft")
    objective = factories.ObjectiveFactory()
    first.aim.theme.objectives.add(objective)
    second.aim.theme.objectives.add(objective)
    result = cycle_services.plan_roll_forward(plan=plan, by=world.coordinator)
    new = result.new_plan
    assert (new.year, new.status, new.title, new.rolled_from) == (
        FinancialYear(2025),
        "draft",
        "Plan 2025",
        plan,
    )
    carried = _actions(new)
    # A draft saying complete is not reported: the fifth is carried too.
    assert {a.carried_from for a in carried} == {second, fourth, fifth}
    for action in carried:
        old = action.carried_from
        assert action.ref == old.ref
        assert action.text == old.text
        assert [(o.text, o.target, o.unit) for o in action.outcomes.all()] == [
            (o.text, o.target, o.unit) for o in old.outcomes.all()
        ]
        assert [(lead.organisation, lead.officer_role) for lead in action.leads.all()] == [
            (lead.organisation, lead.officer_role) for lead in old.leads.all()
        ]
        assert set(action.partners.all()) == set(old.partners.all())
        assert not action.updates.exists()
    second_copy = next(a for a in carried if a.carried_from == second)
    assert list(second_copy.aim.theme.objectives.all()) == [objective]
    assert {row.action for row in result.split.left_behind} == {first, third}
    # The old plan is untouched.
    assert len(_actions(plan)) == 5
    with pytest.raises(ValidationError, match="The 2025/26 plan already exists"):
        cycle_services.plan_roll_forward(plan=plan, by=world.coordinator)


def test_a_draft_plan_is_not_rolled_forward(world, plan):
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    with pytest.raises(ValidationError, match="still a draft"):
        cycle_services.plan_roll_forward(plan=plan, by=world.coordinator)


def test_the_roll_forward_page_shows_before_and_after(world, plan):
    first, *_ = _actions(plan)
    _complete(plan, [first])
    client = world.client_for("coordinator")
    before = client.get(_url("plan-roll-forward", world, plan)).content.decode()
    assert "Will be carried forward (4)" in before
    assert "Will stay behind: complete (1)" in before
    response = client.post(_url("plan-roll-forward", world, plan))
    assert response.status_code == 302
    after = client.get(response.url).content.decode()
    assert "Carried forward (4)" in after and "Stayed behind: complete (1)" in after
    new_plan = ActionPlan.objects.get(year=FinancialYear(2025))
    assert new_plan.get_absolute_url() in after
    for action in _actions(new_plan):
        assert action.get_absolute_url() in after


@pytest.mark.parametrize("persona", VISITORS)
@pytest.mark.parametrize("name", ["plan-approve", "plan-close", "plan-roll-forward"])
def test_who_may_see_the_plan_year_pages(world, plan, persona, name):
    response = world.client_for(persona).get(_url(name, world, plan))
    assert response.status_code == expected_status(persona, MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["plan-close", "plan-roll-forward"])
def test_who_may_close_and_roll_a_plan(world, plan, persona, name):
    response = world.client_for(persona).post(_url(name, world, plan))
    plan.refresh_from_db()
    if persona in MANAGERS:
        assert response.status_code == 302
        changed = plan.status == "closed" if name == "plan-close" else hasattr(plan, "rolled_into")
        assert changed
    else:
        assert response.status_code == expected_status(persona, MANAGERS)
        assert plan.status == "approved"
        assert not ActionPlan.objects.filter(rolled_from=plan).exists()

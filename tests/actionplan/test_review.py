"""Coordinator review: accept an update (it becomes what reports use) or return it to its
author with a reason (which the author sees, and which stays in the update's history)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from actionplan import selectors, services
from actionplan.models import ProgressUpdate
from tests.conftest import make_plan
from tests.factories import (
    OutcomeProgressFactory,
    ProgressUpdateFactory,
    ReportingQuarterFactory,
)
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=2, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    update = ProgressUpdateFactory(
        action=actions[0],
        quarter=3,
        state=State.SUBMITTED,
        narrative="Three sessions held.",
        author=world.officer.user,
    )
    return world, plan, window, update


def _url(world, update):
    return reverse(
        "actionplan:update-review", args=[world.partnership.slug, update.action_id, update.quarter]
    )


REVIEW_STATUS = {
    "admin": 200,
    "coordinator": 200,
    "officer": 403,
    "other_officer": 403,
    "member": 403,
    "scrutiny": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_see_the_review_page(setup, persona):
    world, plan, window, update = setup
    response = world.client_for(persona).get(_url(world, update))
    assert response.status_code == REVIEW_STATUS[persona]
    if response.status_code == 200:
        html = response.content.decode()
        assert "Three sessions held." in html
        assert "Accept update" in html and "Return to the author" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_accept(setup, persona):
    world, plan, window, update = setup
    response = world.client_for(persona).post(
        _url(world, update), {"intent": "accept", "version": update.version}
    )
    update.refresh_from_db()
    if persona in ("admin", "coordinator"):
        assert response.status_code == 302
        assert response["Location"] == window.get_absolute_url()
        assert update.state == State.ACCEPTED
        assert update.reviewed_by == getattr(world, persona).user
        assert update.reviewed_at is not None and update.version == 2
    else:
        assert response.status_code == REVIEW_STATUS[persona]
        assert update.state == State.SUBMITTED and update.version == 1


def test_returning_needs_a_reason_and_keeps_what_was_typed(setup):
    world, plan, window, update = setup
    client = world.client_for("coordinator")
    response = client.post(_url(world, update), {"intent": "return", "version": 1, "reason": ""})
    assert response.status_code == 200
    assert "Say what the author should change or add." in response.content.decode()
    update.refresh_from_db()
    assert update.state == State.SUBMITTED


def test_returned_reason_reaches_the_author_and_stays_in_history(setup):
    world, plan, window, update = setup
    coordinator = world.client_for("coordinator")
    response = coordinator.post(
        _url(world, update),
        {"intent": "return", "version": 1, "reason": "Say how many people attended."},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == State.RETURNED
    assert update.return_reason == "Say how many people attended."
    assert update.reviewed_by == world.coordinator.user

    officer = world.client_for("officer")
    mine = officer.get(reverse("actionplan:action-mine", args=[world.partnership.slug]))
    assert "Say how many people attended." in mine.content.decode()
    edit_url = reverse("actionplan:update-edit", args=[world.partnership.slug, update.action_id, 3])
    assert "Say how many people attended." in officer.get(edit_url).content.decode()

    # The author resubmits: the reason leaves the form but stays in the history.
    officer.post(
        edit_url,
        {
            "status": "on_track",
            "narrative": "Three sessions, 41 people.",
            "version": update.version,
            "intent": "submit",
        },
    )
    update.refresh_from_db()
    assert update.state == State.SUBMITTED and update.return_reason == ""
    returned = update.history.get(state=State.RETURNED)
    assert returned.return_reason == "Say how many people attended."
    assert returned.history_user == world.coordinator.user
    action_page = officer.get(
        reverse("actionplan:action-detail", args=[world.partnership.slug, update.action_id])
    ).content.decode()
    assert "Say how many people attended." in action_page


def test_an_accepted_update_can_be_returned_but_not_accepted_again(setup):
    world, plan, window, update = setup
    services.update_accept(membership=world.coordinator, update=update, seen_version=1)
    with pytest.raises(PermissionDenied):
        services.update_accept(membership=world.coordinator, update=update, seen_version=2)
    services.update_return(
        membership=world.coordinator, update=update, reason="Wrong figure", seen_version=2
    )
    update.refresh_from_db()
    assert update.state == State.RETURNED


@pytest.mark.parametrize("state", [State.DRAFT, State.RETURNED])
def test_drafts_and_returned_updates_are_not_reviewed(setup, state):
    world, plan, window, update = setup
    ProgressUpdate.objects.filter(pk=update.pk).update(state=state)
    response = world.client_for("coordinator").post(
        _url(world, update), {"intent": "accept", "version": 1}
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.state == state


def test_no_review_once_the_quarter_is_closed(setup):
    world, plan, window, update = setup
    services.quarter_close(membership=world.coordinator, window=window)
    response = world.client_for("coordinator").post(
        _url(world, update), {"intent": "accept", "version": 1}
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.state == State.SUBMITTED


def test_the_service_needs_a_reason_to_return(setup):
    world, plan, window, update = setup
    with pytest.raises(ValidationError):
        services.update_return(
            membership=world.coordinator, update=update, reason=" ", seen_version=1
        )


def test_an_unknown_decision_is_a_bad_request(setup):
    world, plan, window, update = setup
    response = world.client_for("coordinator").post(
        _url(world, update), {"intent": "maybe", "version": 1}
    )
    assert response.status_code == 400


def test_accepted_updates_are_what_reports_read(setup):
    world, plan, window, update = setup
    other = update.action.updates.get(quarter=2)  # make_plan's, never accepted
    outcome = update.action.outcomes.order_by("pk").first()
    OutcomeProgressFactory(update=update, outcome=outcome, achieved_figure=3)
    assert selectors.accepted_update(update.action, 3) is None  # submitted, not accepted
    services.update_accept(membership=world.coordinator, update=update, seen_version=1)
    accepted = selectors.accepted_update(update.action, 3)
    assert accepted == update
    assert [row.achieved_figure for row in accepted.outcome_progress.all()] == [3]
    assert selectors.accepted_update(other.action, 2) is None
    assert selectors.accepted_updates(plan, 3) == {update.action_id: update}
    assert selectors.accepted_updates(plan, 2) == {}

"""The progress update form: who may use it in which quarter, what it saves, and how it
says what to fix while keeping everything typed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplan import services
from actionplan.models import OutcomeProgress, ProgressUpdate
from actionplan.services import OutcomeFigures, UpdateContent, content_problems, figure_field
from tests.conftest import make_plan
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    """Q3 2024/25 open; each action led by the officer's organisation has Q1 and Q2 updates,
    a numeric outcome ("Outcome one", target 10 events) and a plain one ("Outcome two")."""
    plan, actions = make_plan(world.partnership, world.lead_org, actions=3, year=2024)
    window = ReportingQuarterFactory(
        plan=plan,
        quarter=3,
        deadline=datetime.date(2024, 10, 14),
        opens_on=datetime.date(2024, 10, 1),
    )
    return world, plan, window, actions[1]


def _url(world, action, quarter=3):
    return reverse("actionplan:update-edit", args=[world.partnership.slug, action.pk, quarter])


def _outcomes(action):
    numeric, plain = action.outcomes.order_by("pk")
    return numeric, plain


def _post_data(action, *, intent="submit", version="", **overrides):
    numeric, plain = _outcomes(action)
    data = {
        "status": "on_track",
        "narrative": "Two sessions held.\nMore booked for January.",
        f"outcome_{numeric.pk}_figure": "7",
        f"outcome_{plain.pk}_achieved": "on",
        "version": version,
        "intent": intent,
    }
    data.update(overrides)
    return data


WRITE_STATUS = {
    "admin": 200,
    "coordinator": 200,
    "officer": 200,
    "other_officer": 403,
    "member": 403,
    "scrutiny": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_the_form(setup, persona):
    world, plan, window, action = setup
    response = world.client_for(persona).get(_url(world, action))
    assert response.status_code == WRITE_STATUS[persona]


def test_anonymous_is_sent_to_sign_in(setup):
    world, plan, window, action = setup
    url = _url(world, action)
    response = world.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_submit_and_what_is_saved(setup, persona):
    world, plan, window, action = setup
    response = world.client_for(persona).post(_url(world, action), _post_data(action))
    update = ProgressUpdate.objects.filter(action=action, quarter=3).first()
    if WRITE_STATUS[persona] != 200:
        assert response.status_code == WRITE_STATUS[persona]
        assert update is None
        return
    assert response.status_code == 302
    user = getattr(world, persona).user
    assert update.state == State.SUBMITTED
    assert update.status == "on_track"
    assert update.narrative == "Two sessions held.\nMore booked for January."
    assert (update.author, update.submitted_by) == (user, user)
    assert update.submitted_at is not None
    numeric, plain = _outcomes(action)
    figures = {row.outcome_id: row for row in update.outcome_progress.all()}
    assert figures[numeric.pk].achieved_figure == 7
    assert not figures[numeric.pk].achieved
    assert figures[plain.pk].achieved and figures[plain.pk].achieved_figure is None


def test_an_officer_of_another_organisation_gets_403_by_url_and_nothing_changes(setup):
    world, plan, window, action = setup
    client = world.client_for("other_officer")
    response = client.get(_url(world, action))
    assert response.status_code == 403
    assert "organisations that lead this action" in response.content.decode()
    assert client.post(_url(world, action), _post_data(action)).status_code == 403
    assert not ProgressUpdate.objects.filter(action=action, quarter=3).exists()


def test_a_restricted_action_of_another_organisation_is_404(setup):
    world, plan, window, action = setup
    action.restricted = True
    action.save()
    assert world.client_for("other_officer").get(_url(world, action)).status_code == 404


def test_another_partnerships_action_is_404_through_our_address(setup):
    world, *_ = setup
    theirs, their_actions = make_plan(world.other_partnership, world.lead_org, actions=1, year=2024)
    ReportingQuarterFactory(plan=theirs, quarter=3)
    assert world.client_for("coordinator").get(_url(world, their_actions[0])).status_code == 404


def test_a_quarter_that_does_not_exist_is_404(setup):
    world, plan, window, action = setup
    for quarter in (0, 5):
        # Written by hand: the URL converter refuses to build a link to quarter 0 or 5.
        path = f"/p/{world.partnership.slug}/actions/{action.pk}/updates/{quarter}/"
        assert world.client_for("officer").get(path).status_code == 404


@pytest.mark.parametrize("quarter, message", [(4, "not open for updates yet"), (2, "frozen")])
@pytest.mark.parametrize("persona", ["officer", "coordinator"])
def test_no_writing_in_a_quarter_not_yet_open_or_closed(setup, quarter, message, persona):
    world, plan, window, action = setup
    ReportingQuarterFactory(plan=plan, quarter=2, state="closed")
    client = world.client_for(persona)
    before = list(ProgressUpdate.objects.filter(action=action).values())
    response = client.get(_url(world, action, quarter))
    assert response.status_code == 403
    assert message in response.content.decode()
    response = client.post(
        _url(world, action, quarter), _post_data(action, narrative="Typed while it closed")
    )
    assert response.status_code == 403
    # Refused, and what they typed is shown back to them rather than lost.
    assert "Typed while it closed" in response.content.decode()
    assert list(ProgressUpdate.objects.filter(action=action).values()) == before


def test_submitting_without_a_narrative_says_what_to_fix_and_keeps_the_rest(setup):
    world, plan, window, action = setup
    numeric, plain = _outcomes(action)
    response = world.client_for("officer").post(
        _url(world, action), _post_data(action, status="complete", narrative="   ")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write what happened this quarter and what comes next before you submit" in html
    assert 'href="#id_narrative"' in html  # the error summary links to the field
    assert '<option value="complete" selected>' in html
    assert f'name="outcome_{numeric.pk}_figure" value="7"' in html
    assert f'name="outcome_{plain.pk}_achieved"' in html and "checked" in html
    assert not ProgressUpdate.objects.filter(action=action, quarter=3).exists()


def test_a_draft_may_be_saved_without_a_narrative(setup):
    world, plan, window, action = setup
    url = _url(world, action)
    response = world.client_for("officer").post(
        url, _post_data(action, intent="draft", narrative="")
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url)
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    assert update.state == State.DRAFT and update.submitted_at is None


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-3", "Enter the figure achieved so far as 0 or more"),
        ("lots", "Enter the figure as a number"),
        ("1.234", "Enter the figure with at most 2 decimal places"),
        (
            "10000000000",
            "The figure achieved so far must be 9,999,999,999.99 or less: "
            "that is the largest the database holds.",
        ),
    ],
)
@pytest.mark.parametrize("intent", ["draft", "submit"])
def test_a_bad_figure_is_an_error_for_drafts_too(setup, typed, message, intent):
    world, plan, window, action = setup
    numeric, _ = _outcomes(action)
    response = world.client_for("officer").post(
        _url(world, action),
        _post_data(action, intent=intent, **{f"outcome_{numeric.pk}_figure": typed}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f"Expected outcome 1: {message}" in html  # the summary names the outcome
    assert "Two sessions held." in html  # the narrative is kept
    assert not ProgressUpdate.objects.filter(action=action, quarter=3).exists()


def test_the_narrative_is_plain_text_shown_escaped_with_its_line_breaks(setup):
    world, plan, window, action = setup
    client = world.client_for("officer")
    client.post(
        _url(world, action),
        _post_data(action, narrative="Met the school.\n<script>alert('x')</script>"),
    )
    stored = ProgressUpdate.objects.get(action=action, quarter=3)
    assert stored.narrative == "Met the school.\n<script>alert('x')</script>"
    page = client.get(reverse("actionplan:action-detail", args=[world.partnership.slug, action.pk]))
    html = page.content.decode()
    assert "Met the school.<br>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    # and on next quarter's form, where it is shown beside the new update
    services.quarter_close(membership=world.coordinator, window=window)
    ReportingQuarterFactory(plan=plan, quarter=4)
    html = client.get(_url(world, action, 4)).content.decode()
    assert "Met the school.<br>&lt;script&gt;" in html
    assert "<script>alert" not in html


def test_the_form_shows_last_quarters_update_beside_it(setup):
    world, plan, window, action = setup
    q2 = action.updates.get(quarter=2)
    q2.narrative = "Venue booked for the autumn."
    q2.save()
    numeric, _ = _outcomes(action)
    OutcomeProgress.objects.create(update=q2, outcome=numeric, achieved_figure=4)
    html = world.client_for("officer").get(_url(world, action)).content.decode()
    assert "Last quarter: Q2 2024/25" in html
    assert "Venue booked for the autumn." in html
    assert "Last quarter: 4 events." in html  # beside the figure field
    assert "Outcome one: 4 events" in html


def test_the_form_starts_from_the_saved_update(setup):
    world, plan, window, action = setup
    numeric, plain = _outcomes(action)
    update = ProgressUpdateFactory(
        action=action, quarter=3, state=State.DRAFT, status="at_risk", narrative="Half done."
    )
    OutcomeProgress.objects.create(update=update, outcome=numeric, achieved_figure=5)
    html = world.client_for("officer").get(_url(world, action)).content.decode()
    assert '<option value="at_risk" selected>' in html
    assert "Half done." in html
    assert f'name="outcome_{numeric.pk}_figure" value="5"' in html
    assert f'name="version" value="{update.version}"' in html


def test_saving_a_submitted_update_as_draft_withdraws_it_until_submitted_again(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.SUBMITTED)
    client = world.client_for("officer")
    client.post(_url(world, action), _post_data(action, intent="draft", version=update.version))
    update.refresh_from_db()
    assert update.state == State.DRAFT and update.version == 2
    client.post(_url(world, action), _post_data(action, version=update.version))
    update.refresh_from_db()
    assert update.state == State.SUBMITTED and update.version == 3


def test_a_returned_update_shows_why_and_stays_returned_until_submitted(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(
        action=action,
        quarter=3,
        state=State.RETURNED,
        return_reason="Add the number of sessions held.",
        reviewed_by=world.coordinator.user,
    )
    client = world.client_for("officer")
    html = client.get(_url(world, action)).content.decode()
    assert "Returned to you for changes" in html
    assert "Add the number of sessions held." in html
    client.post(_url(world, action), _post_data(action, intent="draft", version=update.version))
    update.refresh_from_db()
    assert update.state == State.RETURNED
    client.post(_url(world, action), _post_data(action, version=update.version))
    update.refresh_from_db()
    assert update.state == State.SUBMITTED and update.return_reason == ""
    assert update.history.filter(return_reason="Add the number of sessions held.").exists()


@pytest.mark.parametrize("persona", ["officer", "coordinator"])
def test_an_accepted_update_is_final(setup, persona):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.ACCEPTED)
    client = world.client_for(persona)
    response = client.get(_url(world, action))
    assert response.status_code == 403
    assert "accepted" in response.content.decode()
    response = client.post(_url(world, action), _post_data(action, version=update.version))
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.narrative == "Work is under way." and update.version == 1


def test_after_submitting_the_officer_goes_back_to_my_actions(setup):
    world, plan, window, action = setup
    response = world.client_for("officer").post(_url(world, action), _post_data(action))
    assert response["Location"] == reverse("actionplan:action-mine", args=[world.partnership.slug])


def test_next_is_followed_only_within_the_site(setup):
    world, plan, window, action = setup
    chasing = window.get_absolute_url()
    client = world.client_for("coordinator")
    response = client.post(_url(world, action), _post_data(action, next=chasing))
    assert response["Location"] == chasing
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    response = client.post(
        _url(world, action),
        _post_data(action, next="https://evil.example.com/", version=update.version),
    )
    assert response["Location"] == reverse(
        "actionplan:action-mine", args=[world.partnership.slug]
    )  # the coordinator's organisation leads it


def test_the_form_refuses_other_methods(setup):
    world, plan, window, action = setup
    assert world.client_for("officer").put(_url(world, action)).status_code == 405


def test_the_service_refuses_a_figure_larger_than_its_column(setup):
    """Whoever calls the service (not only the form), a figure the numeric(12, 2) column cannot
    hold is a problem named by field, before it reaches the database."""
    world, plan, window, action = setup
    numeric, _ = _outcomes(action)
    content = UpdateContent(
        status="on_track",
        narrative="x",
        outcomes={numeric.pk: OutcomeFigures(achieved_figure=Decimal("10000000000"))},
    )
    problems = content_problems(content, [numeric], submitting=False)
    assert problems == {
        figure_field(numeric.pk): [
            "The figure achieved so far must be 9,999,999,999.99 or less: "
            "that is the largest the database holds."
        ]
    }
    ok = UpdateContent(
        status="on_track",
        narrative="x",
        outcomes={numeric.pk: OutcomeFigures(achieved_figure=Decimal("9999999999.99"))},
    )
    assert content_problems(ok, [numeric], submitting=False) == {}

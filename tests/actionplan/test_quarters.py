"""The quarter's window: a coordinator opens a quarter of an approved plan with a deadline,
closes it (freezing its updates) and may re-open it with a recorded reason. One open quarter
per plan, enforced by the service and by the database."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from actionplan import services
from actionplan.models import ActionPlan, ReportingQuarter
from tests.conftest import make_plan
from tests.factories import ReportingQuarterFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def plan(world):
    plan, _ = make_plan(world.partnership, world.lead_org, actions=2, year=2024)
    return plan


def _open(world, plan, quarter=1, deadline=NEXT_WEEK, persona="coordinator"):
    return services.quarter_open(
        membership=getattr(world, persona), plan=plan, quarter=quarter, deadline=deadline
    )


# Services --------------------------------------------------------------------------------------


def test_a_coordinator_opens_a_quarter_with_a_deadline(world, plan):
    window = _open(world, plan, quarter=2)
    window.refresh_from_db()
    assert (window.quarter, window.state, window.deadline) == (2, "open", NEXT_WEEK)
    assert window.opens_on == TODAY
    assert window.opened_by == world.coordinator.user
    record = window.history.latest()
    assert record.history_user == world.coordinator.user
    assert record.history_change_reason == "Opened for updates"


@pytest.mark.parametrize("status", [ActionPlan.Status.DRAFT, ActionPlan.Status.CLOSED])
def test_only_an_approved_plan_opens_a_quarter(world, plan, status):
    plan.status = status
    plan.save()
    with pytest.raises(ValidationError, match="only a plan approved by RAG"):
        _open(world, plan)
    assert not ReportingQuarter.objects.exists()


def test_only_one_quarter_of_a_plan_is_open_at_a_time(world, plan):
    _open(world, plan, quarter=1)
    with pytest.raises(ValidationError, match="Q1 2024/25 is still open"):
        _open(world, plan, quarter=2)
    assert ReportingQuarter.objects.filter(plan=plan).count() == 1


def test_the_database_also_allows_one_open_quarter_per_plan(world, plan):
    ReportingQuarterFactory(plan=plan, quarter=1, state="open")
    ReportingQuarterFactory(plan=plan, quarter=2, state="closed")  # closed ones are fine
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingQuarterFactory(plan=plan, quarter=3, state="open")
    other_plan, _ = make_plan(world.partnership, world.lead_org, actions=1, year=2025)
    ReportingQuarterFactory(plan=other_plan, quarter=1, state="open")  # another plan: fine


def test_the_database_keeps_one_window_per_quarter_and_a_sane_deadline(plan):
    ReportingQuarterFactory(plan=plan, quarter=1, state="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingQuarterFactory(plan=plan, quarter=1, state="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingQuarterFactory(
            plan=plan,
            quarter=2,
            opens_on=datetime.date(2024, 7, 2),
            deadline=datetime.date(2024, 7, 1),
        )


def test_a_closed_quarter_is_re_opened_not_opened_again(world, plan):
    window = _open(world, plan, quarter=1)
    services.quarter_close(membership=world.coordinator, window=window)
    with pytest.raises(ValidationError, match="Re-open it instead"):
        _open(world, plan, quarter=1)


def test_the_deadline_cannot_be_before_the_quarter_opens(world, plan):
    with pytest.raises(ValidationError) as error:
        _open(world, plan, deadline=TODAY - datetime.timedelta(days=1))
    assert "deadline" in error.value.message_dict


@pytest.mark.parametrize("persona", ["officer", "other_officer", "member", "scrutiny"])
def test_only_coordinators_open_and_close(world, plan, persona):
    with pytest.raises(PermissionDenied):
        _open(world, plan, persona=persona)
    window = _open(world, plan)
    with pytest.raises(PermissionDenied):
        services.quarter_close(membership=getattr(world, persona), window=window)
    window.refresh_from_db()
    assert window.is_open


def test_a_coordinator_of_another_partnership_cannot_open_ours(world, plan):
    with pytest.raises(PermissionDenied):
        _open(world, plan, persona="outsider")


def test_closing_records_who_and_when_and_cannot_happen_twice(world, plan):
    window = _open(world, plan)
    services.quarter_close(membership=world.coordinator, window=window)
    window.refresh_from_db()
    assert window.state == "closed" and window.closed_by == world.coordinator.user
    assert window.closed_at is not None
    with pytest.raises(ValidationError, match="already closed"):
        services.quarter_close(membership=world.coordinator, window=window)


def test_re_opening_needs_a_reason_and_records_it(world, plan):
    window = _open(world, plan)
    services.quarter_close(membership=world.admin, window=window)
    with pytest.raises(ValidationError) as error:
        services.quarter_reopen(
            membership=world.coordinator, window=window, reason="  ", deadline=NEXT_WEEK
        )
    assert "reason" in error.value.message_dict
    window.refresh_from_db()
    assert window.state == "closed"

    later = NEXT_WEEK + datetime.timedelta(days=7)
    services.quarter_reopen(
        membership=world.coordinator,
        window=window,
        reason="Police figures arrived late",
        deadline=later,
    )
    window.refresh_from_db()
    assert window.is_open and window.deadline == later
    assert window.reopened_by == world.coordinator.user
    assert window.reopen_reason == "Police figures arrived late"
    reasons = list(
        window.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Opened for updates", "Closed", "Re-opened"]


def test_re_opening_waits_for_the_open_quarter_to_close(world, plan):
    first = _open(world, plan, quarter=1)
    services.quarter_close(membership=world.coordinator, window=first)
    _open(world, plan, quarter=2)
    with pytest.raises(ValidationError, match="Q2 2024/25 is still open"):
        services.quarter_reopen(
            membership=world.coordinator, window=first, reason="Late return", deadline=NEXT_WEEK
        )


def test_re_opening_is_for_coordinators_only(world, plan):
    window = _open(world, plan)
    services.quarter_close(membership=world.coordinator, window=window)
    with pytest.raises(PermissionDenied):
        services.quarter_reopen(
            membership=world.officer, window=window, reason="Please", deadline=NEXT_WEEK
        )


# Pages -----------------------------------------------------------------------------------------


def _list_url(world, plan):
    return reverse("actionplan:quarter-list", args=[world.partnership.slug, plan.year.slug])


QUARTER_PAGE_STATUS = {
    "admin": 200,
    "coordinator": 200,
    "officer": 403,
    "other_officer": 403,
    "member": 403,
    "scrutiny": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_see_the_quarters_page(world, plan, persona):
    response = world.client_for(persona).get(_list_url(world, plan))
    assert response.status_code == QUARTER_PAGE_STATUS[persona]


def test_anonymous_is_sent_to_sign_in(world, plan):
    url = _list_url(world, plan)
    response = world.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_a_quarter_through_the_page(world, plan, persona):
    url = reverse("actionplan:quarter-open", args=[world.partnership.slug, plan.year.slug])
    response = world.client_for(persona).post(
        url, {"quarter": "2", "deadline": NEXT_WEEK.isoformat()}
    )
    if persona in ("admin", "coordinator"):
        assert response.status_code == 302
        window = ReportingQuarter.objects.get(plan=plan)
        assert response["Location"] == window.get_absolute_url()
        assert (window.quarter, window.deadline) == (2, NEXT_WEEK)
    else:
        assert response.status_code == QUARTER_PAGE_STATUS[persona]
        assert not ReportingQuarter.objects.exists()


def test_the_open_form_says_what_to_fix_and_keeps_the_choice(world, plan):
    url = reverse("actionplan:quarter-open", args=[world.partnership.slug, plan.year.slug])
    response = world.client_for("coordinator").post(url, {"quarter": "3", "deadline": "2001-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose today or a later date" in html
    assert '<option value="3" selected>' in html
    assert not ReportingQuarter.objects.exists()


def test_the_page_refuses_a_second_open_quarter_with_the_reason(world, plan):
    _open(world, plan, quarter=1)
    url = reverse("actionplan:quarter-open", args=[world.partnership.slug, plan.year.slug])
    response = world.client_for("coordinator").post(
        url, {"quarter": "2", "deadline": NEXT_WEEK.isoformat()}
    )
    assert response.status_code == 200
    assert ReportingQuarter.objects.filter(plan=plan).count() == 1


def _close_url(world, plan, quarter):
    return reverse(
        "actionplan:quarter-close", args=[world.partnership.slug, plan.year.slug, quarter]
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_close_a_quarter(world, plan, persona):
    window = _open(world, plan, quarter=1)
    response = world.client_for(persona).post(_close_url(world, plan, 1))
    window.refresh_from_db()
    if persona in ("admin", "coordinator"):
        assert response.status_code == 302
        assert window.state == "closed"
    else:
        assert response.status_code == QUARTER_PAGE_STATUS[persona]
        assert window.is_open


def test_closing_a_quarter_never_opened_is_404(world, plan):
    assert world.client_for("coordinator").post(_close_url(world, plan, 3)).status_code == 404


def test_quarter_actions_refuse_get(world, plan):
    _open(world, plan, quarter=1)
    client = world.client_for("coordinator")
    assert client.put(_close_url(world, plan, 1)).status_code == 405  # GET asks to confirm
    open_url = reverse("actionplan:quarter-open", args=[world.partnership.slug, plan.year.slug])
    assert client.get(open_url).status_code == 405


def test_re_open_through_the_page_keeps_the_reason_and_errors(world, plan):
    window = _open(world, plan, quarter=1)
    services.quarter_close(membership=world.coordinator, window=window)
    url = reverse("actionplan:quarter-reopen", args=[world.partnership.slug, plan.year.slug, 1])
    client = world.client_for("coordinator")
    response = client.post(url, {"reopen-q1-reason": "", "reopen-q1-deadline": NEXT_WEEK})
    assert response.status_code == 200
    assert "Say why the quarter is being re-opened." in response.content.decode()
    window.refresh_from_db()
    assert window.state == "closed"

    response = client.post(
        url, {"reopen-q1-reason": "HFRS return was lost", "reopen-q1-deadline": NEXT_WEEK}
    )
    assert response.status_code == 302
    window.refresh_from_db()
    assert window.is_open and window.reopen_reason == "HFRS return was lost"
    page = client.get(_list_url(world, plan)).content.decode()
    assert "HFRS return was lost" in page  # in the quarters' record


@pytest.mark.parametrize("persona", ["officer", "member"])
def test_re_open_by_others_is_refused(world, plan, persona):
    window = _open(world, plan, quarter=1)
    services.quarter_close(membership=world.coordinator, window=window)
    url = reverse("actionplan:quarter-reopen", args=[world.partnership.slug, plan.year.slug, 1])
    response = world.client_for(persona).post(
        url, {"reopen-q1-reason": "Me", "reopen-q1-deadline": NEXT_WEEK}
    )
    assert response.status_code == 403
    window.refresh_from_db()
    assert window.state == "closed"


def test_chasing_goes_to_the_open_quarter_or_explains(world, plan):
    client = world.client_for("coordinator")
    url = reverse("actionplan:quarter-chasing", args=[world.partnership.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert "No quarter is open for updates" in response.content.decode()
    window = _open(world, plan, quarter=2)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == window.get_absolute_url()
    assert world.client_for("officer").get(url).status_code == 403
    assert world.client_for("outsider").get(url).status_code == 404

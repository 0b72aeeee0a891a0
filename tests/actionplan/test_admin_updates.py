"""The Django admin for the workflow's records: readable, with history; quarters are only
opened and closed in the portal; an admin edit of an update makes open forms stale."""

import pytest
from django.urls import reverse

from actionplan.models import ProgressUpdate
from tests import factories
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_the_admin_lists_and_shows_history(admin_client):
    update = ProgressUpdateFactory(submitted=True)
    window = ReportingQuarterFactory(plan=update.action.aim.theme.plan)
    for url in [
        reverse("admin:actionplan_progressupdate_changelist"),
        reverse("admin:actionplan_progressupdate_history", args=[update.pk]),
        reverse("admin:actionplan_action_history", args=[update.action_id]),
        reverse("admin:actionplan_action_change", args=[update.action_id]),
        reverse("admin:actionplan_action_changelist"),
        reverse("admin:actionplan_reportingquarter_changelist"),
        reverse("admin:actionplan_reportingquarter_change", args=[window.pk]),
        reverse("admin:actionplan_expectedoutcome_changelist"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_quarters_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:actionplan_reportingquarter_add")).status_code == 403


def test_an_admin_edit_bumps_the_version(admin_client):
    update = ProgressUpdateFactory(submitted=True, narrative="Before")
    url = reverse("admin:actionplan_progressupdate_change", args=[update.pk])
    response = admin_client.post(
        url,
        {
            "action": update.action_id,
            "quarter": update.quarter,
            "state": "submitted",
            "status": "on_track",
            "narrative": "Corrected in the admin",
            "author": "",
            "return_reason": "",
            "seen_version": "1",
            "outcome_progress-TOTAL_FORMS": "0",
            "outcome_progress-INITIAL_FORMS": "0",
            "outcome_progress-MIN_NUM_FORMS": "0",
            "outcome_progress-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = ProgressUpdate.objects.get(pk=update.pk)
    assert update.narrative == "Corrected in the admin" and update.version == 2

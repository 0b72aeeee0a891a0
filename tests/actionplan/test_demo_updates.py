"""The demo opens Q4 2017/18 for updates so that a person can try the whole journey."""

import datetime

import pytest
from django.urls import reverse

from actionplan import selectors
from actionplan.models import ProgressUpdate, ReportingQuarter
from sosafe.periods import FinancialYear

pytestmark = pytest.mark.django_db


def test_q4_2017_18_is_open_with_a_deadline(demo):
    window = ReportingQuarter.objects.get()
    assert window.plan.year == FinancialYear(2017)
    assert (window.quarter, window.state) == (4, "open")
    assert window.deadline == datetime.date(2018, 4, 13)
    assert window.opened_by.username == "coordinator"


def test_the_reported_progress_is_submitted_for_review(demo):
    updates = ProgressUpdate.objects.filter(quarter=4)
    assert updates.count() == 42
    assert set(updates.values_list("state", flat=True)) == {"submitted"}
    # The committee paper's progress to date, accepted as Q3's for the published report
    # (reports/demo.py): every action, as the paper published them all.
    earlier = ProgressUpdate.objects.exclude(quarter=4)
    assert earlier.count() == 42
    assert set(earlier.values_list("quarter", "state")) == {(3, "accepted")}


def test_the_demo_officer_has_actions_to_update(demo):
    from sosafe.models import Membership

    officer = Membership.objects.get(user__username="officer")
    quarters = selectors.my_actions(officer)
    assert len(quarters) == 1
    rows = quarters[0].rows
    assert len(rows) >= 12  # at least those where the officer is the named lead
    assert all(row.can_edit for row in rows)


def test_every_demo_user_has_an_email_address(demo):
    from django.contrib.auth import get_user_model

    emails = get_user_model().objects.values_list("email", flat=True)
    assert all(email.endswith("@sosafe.example.org") for email in emails)


def test_the_demo_pages_of_the_journey_render(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="coordinator"))
    chasing = client.get(reverse("actionplan:quarter-chasing", args=["sosafe"]), follow=True)
    assert chasing.status_code == 200
    assert "Q4 2017/18 updates" in chasing.content.decode()

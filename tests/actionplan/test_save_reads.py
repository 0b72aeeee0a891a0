"""A save given the update as the view read it uses it only while no one has saved since; the
row's version is still read, and locked, in the save's own transaction."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan import services
from actionplan.models import OutcomeProgress, ProgressUpdate
from tests.conftest import make_plan
from tests.factories import OutcomeProgressFactory, ProgressUpdateFactory, ReportingQuarterFactory

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    return world, window, actions[0]


def _as_read(update):
    return ProgressUpdate.objects.prefetch_related("outcome_progress").get(pk=update.pk)


def _figures(numeric, figure):
    return {numeric.pk: services.OutcomeFigures(achieved_figure=figure)}


@pytest.mark.django_db
def test_an_update_read_before_someone_else_saved_is_read_again(setup):
    world, window, action = setup
    numeric = action.outcomes.get(target__isnull=False)
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="v1")
    read_at_v1 = _as_read(update)
    services.update_submit(
        membership=world.coordinator,
        action=action,
        window=window,
        content=services.UpdateContent("on_track", "v2", _figures(numeric, 4)),
        seen_version=1,
    )
    submitted = ProgressUpdate.objects.get(pk=update.pk)
    services.update_return(
        membership=world.coordinator, update=submitted, reason="Add more.", seen_version=2
    )

    # The officer loaded the form at version 3; the view's own read is older (version 1).
    saved = services.update_save_draft(
        membership=world.officer,
        action=action,
        window=window,
        content=services.UpdateContent("on_track", "v4", _figures(numeric, 5)),
        seen_version=3,
        as_read=read_at_v1,
    )

    update.refresh_from_db()
    assert (update.version, update.state, update.return_reason) == (4, State.RETURNED, "Add more.")
    assert saved.pk == update.pk
    figures = OutcomeProgress.objects.filter(update=update, outcome=numeric)
    assert [row.achieved_figure for row in figures] == [5]


@pytest.mark.django_db
def test_an_update_read_at_the_version_locked_is_saved_as_read(setup):
    world, window, action = setup
    numeric = action.outcomes.get(target__isnull=False)
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="v1")
    OutcomeProgressFactory(update=update, outcome=numeric, achieved_figure=1)
    read = _as_read(update)
    saved = services.update_save_draft(
        membership=world.officer,
        action=action,
        window=window,
        content=services.UpdateContent("on_track", "v2", _figures(numeric, 2)),
        seen_version=1,
        as_read=read,
    )
    assert saved is read
    update.refresh_from_db()
    assert (update.version, update.narrative) == (2, "v2")
    figures = OutcomeProgress.objects.filter(update=update, outcome=numeric)
    assert [row.achieved_figure for row in figures] == [2]


@pytest.mark.django_db
def test_saving_a_draft_reads_the_update_once_in_its_transaction(setup):
    """The save POST reads the page's data, then in its transaction only the window (held
    open), the update's version (its row locked) before writing the update and its history."""
    world, window, action = setup
    ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="v1")
    client = world.client_for("officer")
    url = reverse("actionplan:update-edit", args=[world.partnership.slug, action.pk, 3])
    client.get(url)
    data = {"status": "on_track", "narrative": "v2", "version": "1", "intent": "draft"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302
    statements = [query["sql"] for query in queries.captured_queries]
    begin = next(n for n, sql in enumerate(statements) if sql.startswith("SAVEPOINT"))
    end = next(n for n, sql in enumerate(statements) if sql.startswith("RELEASE SAVEPOINT"))
    # Each statement as its verb and its first table: ("SELECT", "actionplan_…").
    in_transaction = [(sql.split()[0], sql.split('"')[1]) for sql in statements[begin + 1 : end]]
    assert in_transaction == [
        ("SELECT", "actionplan_reportingquarter"),
        ("SELECT", "actionplan_progressupdate"),
        ("UPDATE", "actionplan_progressupdate"),
        ("INSERT", "actionplan_historicalprogressupdate"),
    ]

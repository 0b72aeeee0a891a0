"""Saves hold the quarter's window with a shared lock: officers' saves of different actions do
not wait for each other, and closing the quarter waits for a save in progress (PostgreSQL)."""

import threading
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections, transaction

from actionplan import services
from actionplan.models import ProgressUpdate, ReportingQuarter
from tests.conftest import make_plan
from tests.factories import ReportingQuarterFactory


def _content(text):
    return services.UpdateContent(status="on_track", narrative=text)


@contextmanager
def _save_held_open(world, action, window):
    """An officer's save of ``action``, in another connection, kept open while the block runs."""
    saved, release = threading.Event(), threading.Event()
    failures = []

    def hold_a_save_open():
        try:
            with transaction.atomic():
                services.update_save_draft(
                    membership=world.coordinator,
                    action=action,
                    window=window,
                    content=_content("first"),
                    seen_version=None,
                )
                saved.set()
                release.wait(timeout=20)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
            saved.set()
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_a_save_open)
    holder.start()
    try:
        assert saved.wait(timeout=20)
        yield
    finally:
        release.set()
        holder.join(timeout=30)
    assert not failures


@pytest.mark.django_db(transaction=True)
def test_saves_share_the_window_and_closing_waits_for_them(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the shared lock is PostgreSQL's")
    plan, (first, second) = make_plan(world.partnership, world.lead_org, actions=2, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    with _save_held_open(world, first, window):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            services.update_save_draft(
                membership=world.coordinator,
                action=second,
                window=window,
                content=_content("second"),
                seen_version=None,
            )
        with pytest.raises(OperationalError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '500ms'")
            services.quarter_close(membership=world.coordinator, window=window)
    assert set(ProgressUpdate.objects.values_list("narrative", flat=True)) >= {"first", "second"}
    services.quarter_close(membership=world.coordinator, window=window)
    assert ReportingQuarter.objects.get(pk=window.pk).state == ReportingQuarter.State.CLOSED


@pytest.mark.django_db(transaction=True)
def test_a_review_shares_the_window_with_a_save_in_progress(world):
    """A review takes the window as a save does (shared, then the update), so it neither waits
    for officers' saves nor locks in the opposite order to them."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the shared lock is PostgreSQL's")
    plan, (first, second) = make_plan(world.partnership, world.lead_org, actions=2, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    submitted = services.update_submit(
        membership=world.coordinator,
        action=second,
        window=window,
        content=_content("to review"),
        seen_version=None,
    )
    with _save_held_open(world, first, window), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        services.update_accept(
            membership=world.coordinator, update=submitted, seen_version=submitted.version
        )
    assert ProgressUpdate.objects.get(pk=submitted.pk).state == ProgressUpdate.State.ACCEPTED

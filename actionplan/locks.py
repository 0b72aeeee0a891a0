"""Row locks on the reporting window that keep saves and the quarter's closing in turn."""

from django.db import connection

from actionplan.models import ReportingQuarter


def locked_window(window: ReportingQuarter) -> ReportingQuarter:
    """The window, locked for this transaction alone (closing, re-opening, reminders)."""
    return (
        ReportingQuarter.objects.select_for_update(of=("self",))
        .select_related("plan__partnership")
        .get(pk=window.pk)
    )


def window_held_open(window: ReportingQuarter) -> ReportingQuarter:
    """The window as it is now, kept from closing or re-opening until the transaction ends.

    Saving an update takes a shared lock (FOR SHARE on PostgreSQL), so officers' saves run side
    by side; closing and re-opening take it alone (``locked_window``) and wait for them. The
    window's row is read in the statement that locks it; its plan, which the lock does not
    guard, is the one ``window`` carries.
    """
    if connection.vendor != "postgresql":
        return locked_window(window)
    table = connection.ops.quote_name(ReportingQuarter._meta.db_table)
    held = ReportingQuarter.objects.raw(
        f"SELECT * FROM {table} WHERE id = %s FOR SHARE", [window.pk]
    )[0]
    held.plan = window.plan
    return held

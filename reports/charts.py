"""The dashboard's charts, drawn from the same gathered rows as its tables."""

from reports.dashboard import Dashboard, StatusRow
from sosafe.charts import STATUS_FILLS, StackedBars, stacked_bars


def _parts(row: StatusRow) -> list[tuple[str, str, int]]:
    return [(count.status, count.label, count.count) for count in row.counts]


def status_chart(board: Dashboard) -> StackedBars:
    """Actions by status: the whole plan, then each theme."""
    rows = [board.overall, *board.themes]
    return stacked_bars([(row.label, _parts(row)) for row in rows], STATUS_FILLS)


def status_summary(board: Dashboard) -> str:
    """The chart's text alternative."""
    counts = ", ".join(
        f"{count.count} {count.label.lower()}" for count in board.overall.counts if count.count
    )
    return (
        f"{board.action_count} action{'s' if board.action_count != 1 else ''} at the end of "
        f"{board.quarter}: {counts or 'none'}."
    )

"""A return's history: its count, note and breakdown, as the return page lists it."""

from collections import defaultdict

from referrals.models import ReferralReturn, SourceCount
from sosafe.history import Edit, Tracked, attach, edits

RETURN_FIELDS = Tracked(
    ReferralReturn,
    {"total": "Count", "illustrative": "Illustrative figure", "note": "Note"},
    on_create="values",
)


def _summary(record, previous) -> str:
    return {"+": "Entered", "-": "Deleted"}.get(record.history_type, "Changed")


def return_edits(referral_return: ReferralReturn) -> list[Edit]:
    """Every saved change to the return and its breakdown by referring agency, newest first.
    Two queries whatever the number of changes."""
    records = referral_return.history.select_related("history_user").order_by(
        "history_date", "history_id"
    )
    result = edits(records, RETURN_FIELDS, summary=_summary)
    rows = defaultdict(list)
    for record in (
        SourceCount.history.filter(referral_return_id=referral_return.pk)
        .select_related("history_user", "organisation")
        .order_by("history_date", "history_id")
    ):
        rows[record.id].append(record)
    for records_of_row in rows.values():
        first = records_of_row[0]
        label = (
            first.organisation.short_name
            if first.organisation_id
            else SourceCount.Kind(first.kind).label
        )
        tracked = Tracked(SourceCount, {"count": f"Breakdown, {label}"}, on_create="from_empty")
        result = attach(result, edits(records_of_row, tracked), summary="Breakdown changed")
    result.reverse()
    return result

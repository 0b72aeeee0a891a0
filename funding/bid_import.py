"""Bids from a spreadsheet: every row checked first, then all applied through the services.

A row with an ID updates that bid of the partnership; a row without one adds a new bid. A change
of status must follow the pipeline, as in the portal (``services.check_status_change``), and
the services record it in the bid's timeline and bump the bid's version.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError

from funding import services
from funding.bid_columns import (
    COLUMNS,
    REQUIRED_COLUMNS,
    CellError,
    Column,
    Lookups,
    blank,
    column_label,
)
from funding.models import DatePrecision, FundingBid
from funding.money import format_pounds
from sosafe.concurrency import StaleEdit
from sosafe.models import Membership
from sosafe.spreadsheets import ImportRefused, Preview, Problem, SpreadsheetError, Table
from sosafe.spreadsheets.imports import formula_problems

ADD, UPDATE, NO_CHANGE = "Add", "Update", "No change"
COMPARED = [
    "title", "funder", "fund", "organisation", "delivering_team", "purpose", "amount_requested",
    "amount_awarded", "status", "submitted_on", "decision_on", "received_on", "date_precision",
    "grant_starts", "grant_ends", "notes",
]  # fmt: skip


@dataclass
class RowPlan:
    number: int
    action: str
    bid: FundingBid
    objectives: list | None  # None: the sheet has no Objectives column
    seen_version: int | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.bid.title

    @property
    def status(self) -> str:
        return self.bid.get_status_display()

    @property
    def amount_awarded(self) -> str:
        return format_pounds(self.bid.amount_awarded)


class BidsPreview(Preview):
    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def added(self) -> int:
        return self.count(ADD)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(NO_CHANGE)


def _columns_of(table: Table) -> tuple[list[tuple[int, Column]], list[str]]:
    """The sheet's columns the import reads, by position, and the names it does not use."""
    by_name = {column.name.lower(): column for column in COLUMNS}
    used, unused = [], []
    for position, header in enumerate(table.headers):
        column = by_name.get(header.lower())
        if column is not None:
            used.append((position, column))
        elif header:
            unused.append(header)
    names = {column.name for _, column in used}
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise SpreadsheetError(
            "The file has no "
            + " or ".join(f"“{m}”" for m in missing)
            + " column. The first row must hold the column names, as in the export."
        )
    overflowing = next((row for row in table.rows if row.overflow), None)
    if overflowing:
        raise SpreadsheetError(
            f"Row {overflowing.number} has values to the right of the last named column."
        )
    if not table.rows:
        raise SpreadsheetError("The file has column names but no rows of bids.")
    return used, unused


def _existing(membership: Membership, raw) -> FundingBid | None:
    if blank(raw):
        return None
    try:
        number = Decimal(str(raw).strip())
        if number != number.to_integral_value():
            raise ValueError
        pk = int(number)
    except (ArithmeticError, ValueError, InvalidOperation):
        raise CellError(f"“{raw}” is not a bid ID; leave ID empty for a new bid.") from None
    bid = FundingBid.objects.filter(partnership=membership.partnership, pk=pk).first()
    if bid is None:
        raise CellError(f"No bid with ID {pk} in this partnership; leave ID empty for a new bid.")
    return bid


def plan_bids(*, membership: Membership, table: Table) -> BidsPreview:
    """What importing ``table`` would do, row by row; nothing is written."""
    used, unused = _columns_of(table)
    lookups = Lookups(membership.partnership)
    formulas = formula_problems(table)
    preview = BidsPreview(row_count=len(table.rows), unused_columns=unused)
    note = "Imported from a spreadsheet."  # the pipeline's check needs a note for corrections
    for row in table.rows:
        cells = {c.attribute: row.cells[position] for position, c in used if c.attribute}
        messages = list(formulas.get(row.number, []))
        plan = None
        try:
            previous = _existing(membership, cells.get("id"))
        except CellError as exc:
            messages.append(f"ID: {exc}")
        else:
            plan, errors = _plan_row(membership, row.number, previous, cells, lookups, note)
            messages += [f"{column_label(name)}: {text}" if column_label(name) else text
                         for name, texts in errors.items() for text in texts]  # fmt: skip
        if messages:
            title = cells.get("title")
            preview.problems.append(Problem(row.number, messages, "" if blank(title) else title))
        else:
            preview.rows.append(plan)
    return preview


def _plan_row(membership, number, previous, cells, lookups, note):
    if previous is not None:  # a second copy to change, so the first stays as saved
        bid = FundingBid.objects.get(pk=previous.pk)
    else:
        bid = FundingBid(partnership=membership.partnership)
    errors: dict[str, list[str]] = {}
    objectives = None
    for column in COLUMNS:
        if column.read is None or column.attribute not in cells:
            continue
        try:
            value = column.read(cells[column.attribute], lookups)
        except CellError as exc:
            errors[column.attribute] = [str(exc)]
            continue
        if column.attribute == "objectives":
            objectives = value
            continue
        if value is None and column.attribute == "date_precision":
            value = DatePrecision.DAY
        setattr(bid, column.attribute, value)
    if not bid.title:
        errors.setdefault("title", ["Every bid needs a title."])
    if not bid.status:
        errors.setdefault("status", ["Give the bid a status, e.g. Submitted or Successful."])
    if previous is not None and "status" not in errors:
        _collect(errors, services.check_status_change, membership=membership,
                 previous=previous, bid=bid, note=note)  # fmt: skip
    _collect(errors, bid.full_clean, exclude=[*errors, "partnership", "version"])
    plan = RowPlan(number, ADD, bid, objectives)
    if previous is not None:
        plan.seen_version = previous.version
        plan.changes = _changes(previous, bid)
        same_objectives = objectives is None or set(objectives) == set(previous.objectives.all())
        plan.action = UPDATE if plan.changes or not same_objectives else NO_CHANGE
    return plan, errors


def _collect(errors: dict, check, **kwargs) -> None:
    try:
        check(**kwargs)
    except ValidationError as exc:
        for name, texts in exc.message_dict.items():
            errors.setdefault(name, []).extend(texts)


def _changes(previous: FundingBid, bid: FundingBid) -> list[str]:
    changes = []
    for name in COMPARED:
        before, after = getattr(previous, name), getattr(bid, name)
        if before != after:
            model_field = FundingBid._meta.get_field(name)
            changes.append(
                f"{str(model_field.verbose_name).capitalize()}: "
                f"{_shown(model_field, before)} → {_shown(model_field, after)}"
            )
    return changes


def _shown(model_field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Decimal):
        return format_pounds(value)
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def apply_bids(*, membership: Membership, preview: BidsPreview, source_name: str) -> BidsPreview:
    """Save every planned row through the services; any refusal undoes them all (the caller's
    transaction, see ``sosafe.spreadsheets.confirm_upload``)."""
    note = f"Imported from {source_name or 'a spreadsheet'}."
    for row in preview.rows:
        try:
            if row.action == ADD:
                services.bid_create(membership=membership, bid=row.bid,
                                    objectives=row.objectives or [], note=note)  # fmt: skip
            elif row.action == UPDATE:
                services.bid_update(membership=membership, bid=row.bid,
                                    seen_version=row.seen_version, objectives=row.objectives,
                                    note=note)  # fmt: skip
        except StaleEdit:
            message = "Someone changed this bid while the import ran; upload the file again."
            raise ImportRefused([Problem(row.number, [message], row.title)]) from None
        except (ValidationError, PermissionDenied) as exc:
            texts = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise ImportRefused([Problem(row.number, texts, row.title)]) from None
    return preview

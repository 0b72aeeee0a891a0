"""The bids sheet: its columns, how each cell is written out and read back.

The export and the import share these columns, so a sheet can go out, be corrected and come
back. Read-only columns (worked out by the portal) are written and ignored on the way in.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from actionplan.models import Objective
from funding.models import BidStatus, DatePrecision, Funder, FundingBid
from funding.money import MoneyError, parse_pounds
from sosafe.models import Partnership
from sosafe.spreadsheets import Sheet

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S"]
STATUS_WORDS = {
    BidStatus.DRAFT: "Draft",
    BidStatus.SUBMITTED: "Submitted",
    BidStatus.SUCCESSFUL: "Successful",
    BidStatus.UNSUCCESSFUL: "Unsuccessful",
    BidStatus.WITHDRAWN: "Withdrawn",
}
PRECISION_WORDS = {DatePrecision.DAY: "Exact", DatePrecision.MONTH: "Month only"}
REQUIRED_COLUMNS = ("Title", "Status")


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def objective_ref(objective: Objective) -> str:
    """How a sheet names an objective: strategy years and number, "2018-2021/3"."""
    strategy = objective.strategy
    return f"{strategy.start_year}-{strategy.end_year}/{objective.number}"


class Lookups:
    """The partnership's funders, organisations and objectives, by the names a sheet uses."""

    def __init__(self, partnership: Partnership):
        self.funders = {f.name.lower(): f for f in Funder.objects.filter(partnership=partnership)}
        self.organisations = {}
        for organisation in partnership.organisations.all():
            self.organisations[organisation.name.lower()] = organisation
            self.organisations[organisation.short_name.lower()] = organisation
        objectives = Objective.objects.filter(strategy__partnership=partnership)
        self.objectives = {objective_ref(o): o for o in objectives.select_related("strategy")}


# ---- reading one cell -------------------------------------------------------------------


def read_text(value, lookups: Lookups) -> str:
    return "" if value is None else str(value).strip()


def read_pounds(value, lookups: Lookups):
    try:
        return parse_pounds(value)
    except MoneyError as exc:
        raise CellError(str(exc)) from None


def read_date(value, lookups: Lookups):
    if blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise CellError(f"“{text}” is not a date; write it like 31/03/2018.")


def _choice_reader(words: dict, choices, what: str):
    lookup = {}
    for value, label in choices:
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    for value, word in words.items():
        lookup[word.lower()] = value

    def read(value, lookups: Lookups):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            return lookup[text.lower()]
        except KeyError:
            options = ", ".join(words.values())
            raise CellError(f"“{text}” is not a {what}; use one of: {options}.") from None

    return read


def read_funder(value, lookups: Lookups):
    text = "" if value is None else " ".join(str(value).split())
    if not text:
        return None
    if text.lower() not in lookups.funders:
        known = ", ".join(sorted(f.name for f in lookups.funders.values())) or "none yet"
        raise CellError(
            f"No funder called “{text}” in this partnership (known funders: {known}). "
            "Add it on the Funders page first, or correct the name."
        )
    return lookups.funders[text.lower()]


def read_organisation(value, lookups: Lookups):
    text = "" if value is None else " ".join(str(value).split())
    if not text:
        return None
    if text.lower() not in lookups.organisations:
        raise CellError(
            f"No organisation “{text}” in this partnership; use its short name as the "
            "partnership home page lists it, e.g. SBC."
        )
    return lookups.organisations[text.lower()]


def read_objectives(value, lookups: Lookups) -> list[Objective]:
    found, unknown = [], []
    for part in ("" if value is None else str(value)).split(";"):
        ref = part.strip().replace("–", "-").replace(" ", "")
        if not ref:
            continue
        if ref in lookups.objectives:
            found.append(lookups.objectives[ref])
        else:
            unknown.append(part.strip())
    if unknown:
        names = ", ".join(f"“{u}”" for u in unknown)
        raise CellError(
            f"No objective {names} in this partnership's strategies; write objectives as "
            "strategy years and number, like 2018-2021/3, separated by semicolons."
        )
    return found


# ---- the columns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    attribute: str  # the bid's field; "" for a column worked out by the portal
    write: Callable[[FundingBid], object]
    read: Callable | None = None  # None: ignored on import


def _or_blank(value):
    return "" if value is None else value


def _field(attribute: str):
    return lambda bid: _or_blank(getattr(bid, attribute))


COLUMNS = [
    Column("ID", "id", lambda bid: bid.pk),
    Column("Title", "title", _field("title"), read_text),
    Column("Funder", "funder", lambda bid: str(bid.funder or ""), read_funder),
    Column("Fund", "fund", _field("fund"), read_text),
    Column(
        "Delivering organisation",
        "organisation",
        lambda bid: str(bid.organisation or ""),
        read_organisation,
    ),
    Column("Delivering team", "delivering_team", _field("delivering_team"), read_text),
    Column("How the funding is used", "purpose", _field("purpose"), read_text),
    Column(
        "Objectives",
        "objectives",
        lambda bid: "; ".join(objective_ref(o) for o in bid.objectives.all()),
        read_objectives,
    ),
    Column("Amount requested", "amount_requested", _field("amount_requested"), read_pounds),
    Column("Amount awarded", "amount_awarded", _field("amount_awarded"), read_pounds),
    Column(
        "Status",
        "status",
        lambda bid: STATUS_WORDS.get(bid.status, bid.status),
        _choice_reader(STATUS_WORDS, BidStatus.choices, "status"),
    ),
    Column("Date submitted", "submitted_on", _field("submitted_on"), read_date),
    Column("Date of decision", "decision_on", _field("decision_on"), read_date),
    Column("Date funding received", "received_on", _field("received_on"), read_date),
    Column(
        "Dates are",
        "date_precision",
        lambda bid: PRECISION_WORDS.get(bid.date_precision, bid.date_precision),
        _choice_reader(PRECISION_WORDS, DatePrecision.choices, "way of giving dates"),
    ),
    Column("Grant period starts", "grant_starts", _field("grant_starts"), read_date),
    Column("Grant period ends", "grant_ends", _field("grant_ends"), read_date),
    Column("Notes", "notes", _field("notes"), read_text),
    Column("Financial year", "", lambda bid: str(bid.financial_year or "")),
    Column("Spent", "", lambda bid: bid.spent if bid.is_successful else ""),
    Column("Remaining", "", lambda bid: _or_blank(bid.remaining)),
]
COLUMN_NAMES = [column.name for column in COLUMNS]


def column_label(attribute: str) -> str:
    for column in COLUMNS:
        if column.attribute == attribute:
            return column.name
    return "" if attribute == "__all__" else attribute.replace("_", " ").capitalize()


def bids_sheet(bids) -> Sheet:
    """The bids laid out as the import reads them back (``bids`` from selectors.bid_rows)."""
    return Sheet(
        "Funding bids",
        COLUMN_NAMES,
        ([column.write(bid) for column in COLUMNS] for bid in bids),
    )

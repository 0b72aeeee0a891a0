"""Reads of funding that pages, exports and reports share.

Sums are done by the database over ``DecimalField`` columns and come back as ``Decimal``.
PostgreSQL adds ``numeric`` values exactly. SQLite adds them as binary floating point and
Django hands the result over rounded to 15 significant digits; every sum is therefore rounded
to the penny here (``pennies``), which gives the exact total for any sum of amounts with two
decimal places below £10 billion.
Every function here runs a fixed number of queries whatever the number of bids.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from actionplan import selectors as actionplan_selectors
from actionplan.models import Objective
from funding.models import MONEY, ZERO, BidStatus, FundingBid, Spend
from funding.money import format_pounds, pennies
from sosafe.history import Edit, Tracked, edits, joined, labels_of
from sosafe.models import Partnership
from sosafe.periods import FinancialYear

MONEY_FIELD = DecimalField(**MONEY)


def money_sum(expression, **kwargs) -> Coalesce:
    """SUM of a money column, £0.00 when there is nothing to add up."""
    return Coalesce(
        Sum(expression, output_field=MONEY_FIELD, **kwargs),
        Value(ZERO, output_field=MONEY_FIELD),
        output_field=MONEY_FIELD,
    )


def year_date():
    """The date that puts a bid in a financial year: received, else decided, else submitted."""
    return Coalesce("received_on", "decision_on", "submitted_on")


def with_year_date(bids: QuerySet[FundingBid]) -> QuerySet[FundingBid]:
    return bids.annotate(year_on=year_date())


def in_year(bids: QuerySet[FundingBid], year: FinancialYear) -> QuerySet[FundingBid]:
    return with_year_date(bids).filter(year_on__gte=year.start, year_on__lte=year.end)


def undated(bids: QuerySet[FundingBid]) -> QuerySet[FundingBid]:
    return with_year_date(bids).filter(year_on__isnull=True)


def spent_subquery() -> Coalesce:
    per_bid = (
        Spend.objects.filter(bid=OuterRef("pk"))
        .order_by()
        .values("bid")
        .annotate(total=Sum("amount", output_field=MONEY_FIELD))
        .values("total")
    )
    return Coalesce(
        Subquery(per_bid, output_field=MONEY_FIELD),
        Value(ZERO, output_field=MONEY_FIELD),
        output_field=MONEY_FIELD,
    )


def bids(partnership: Partnership) -> QuerySet[FundingBid]:
    return FundingBid.objects.filter(partnership=partnership)


def serving(bids_qs: QuerySet[FundingBid], objective: Objective) -> QuerySet[FundingBid]:
    links = FundingBid.objects.filter(pk=OuterRef("pk"), objectives=objective)
    return bids_qs.filter(Exists(links))


def objectives_of(partnership: Partnership) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(strategy__partnership=partnership)
        .select_related("strategy")
        .order_by("-strategy__start_year", "number")
    )


def bid_rows(bids_qs: QuerySet[FundingBid]) -> QuerySet[FundingBid]:
    """What the bids table shows for each bid, in two queries."""
    return (
        with_year_date(bids_qs)
        .annotate(spent_total=spent_subquery())
        .select_related("funder", "organisation", "partnership")
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.select_related("strategy"))
        )
        .order_by(F("year_on").desc(nulls_last=True), "title", "pk")
    )


@dataclass(frozen=True)
class Totals:
    count: int
    requested: Decimal
    awarded: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.awarded - self.spent


def totals(bids_qs: QuerySet[FundingBid]) -> Totals:
    """Requested, awarded and spent across a (filtered) set of bids, in one query."""
    row = (
        bids_qs.order_by()
        .annotate(spent_total=spent_subquery())
        .aggregate(
            count=Count("pk"),
            requested=money_sum("amount_requested"),
            awarded=money_sum("amount_awarded"),
            spent=money_sum("spent_total"),
        )
    )
    return Totals(
        count=row["count"],
        requested=pennies(row["requested"]),
        awarded=pennies(row["awarded"]),
        spent=pennies(row["spent"]),
    )


def year_range(partnership: Partnership) -> list[FinancialYear]:
    """Every financial year from the partnership's earliest dated bid to its latest."""
    row = with_year_date(bids(partnership)).aggregate(first=Min("year_on"), last=Max("year_on"))
    if row["first"] is None:
        return []
    first, last = FinancialYear.of_date(row["first"]), FinancialYear.of_date(row["last"])
    years, year = [], first
    while year <= last:
        years.append(year)
        year = year.next()
    return years


def summary_years(partnership: Partnership) -> list[FinancialYear]:
    """The years the funding summary covers: the bids' years, or this year if none is dated."""
    return year_range(partnership) or [FinancialYear.current()]


def latest_year(partnership: Partnership) -> FinancialYear:
    years = year_range(partnership)
    current = FinancialYear.current()
    if not years or current in years:
        return current
    return years[-1] if years[-1] < current else years[0]


# ---- the funding summary -------------------------------------------------------------------


def _outcome_aggregates(prefix: str = "") -> dict:
    status = f"{prefix}status" if prefix else "status"
    successful = Q(**{status: BidStatus.SUCCESSFUL})
    pending = Q(**{status: BidStatus.SUBMITTED})
    unsuccessful = Q(**{status: BidStatus.UNSUCCESSFUL})
    return {
        "secured": money_sum(f"{prefix}amount_awarded", filter=successful),
        "secured_count": Count(f"{prefix}pk", filter=successful),
        "pending": money_sum(f"{prefix}amount_requested", filter=pending),
        "pending_count": Count(f"{prefix}pk", filter=pending),
        "unsuccessful": money_sum(f"{prefix}amount_requested", filter=unsuccessful),
        "unsuccessful_count": Count(f"{prefix}pk", filter=unsuccessful),
    }


@dataclass(frozen=True)
class Outcomes:
    """Secured (awarded), pending (asked, awaiting decision) and unsuccessful (asked) money."""

    label: str
    secured: Decimal = ZERO
    secured_count: int = 0
    pending: Decimal = ZERO
    pending_count: int = 0
    unsuccessful: Decimal = ZERO
    unsuccessful_count: int = 0
    key: int | None = None

    @property
    def bid_count(self) -> int:
        return self.secured_count + self.pending_count + self.unsuccessful_count


@dataclass
class YearSummary:
    year: FinancialYear
    total: Outcomes
    by_funder: list[Outcomes] = field(default_factory=list)
    by_objective: list[Outcomes] = field(default_factory=list)
    undated: Outcomes | None = None
    years: list[FinancialYear] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.total.bid_count == 0

    @property
    def previous_year(self) -> FinancialYear | None:
        """The year before, if the summary covers it (the pager stops at the first year)."""
        return self.year.previous() if self.years and self.years[0] < self.year else None

    @property
    def next_year(self) -> FinancialYear | None:
        return self.year.next() if self.years and self.year < self.years[-1] else None


def _outcomes(label: str, row: dict, key=None) -> Outcomes:
    return Outcomes(
        label=label,
        key=key,
        **{
            name: row[name] if name.endswith("_count") else pennies(row[name])
            for name in _outcome_aggregates()
        },
    )


def year_summary(partnership: Partnership, year: FinancialYear) -> YearSummary:
    """The funding summary for one financial year, in five queries.

    Drafts and withdrawn bids are not funding and are left out. A bid serving two objectives
    counts under each, so the objective rows can add up to more than the year's total.
    """
    dated = in_year(bids(partnership), year).order_by()
    total = _outcomes("Total", dated.aggregate(**_outcome_aggregates()))
    funder_rows = (
        dated.values("funder_id", "funder__name")
        .annotate(**_outcome_aggregates())
        .filter(Q(secured_count__gt=0) | Q(pending_count__gt=0) | Q(unsuccessful_count__gt=0))
        .order_by(F("funder__name").asc(nulls_last=True))
    )
    by_funder = [
        _outcomes(row["funder__name"] or "Funder not recorded", row, row["funder_id"])
        for row in funder_rows
    ]
    # Grouped from the objective's side so each (objective, bid) pair is counted once.
    objective_rows = (
        in_year(bids(partnership), year)
        .values(
            "objectives__pk",
            "objectives__number",
            "objectives__title",
            "objectives__strategy__start_year",
            "objectives__strategy__end_year",
        )
        .annotate(**_outcome_aggregates())
        .filter(Q(secured_count__gt=0) | Q(pending_count__gt=0) | Q(unsuccessful_count__gt=0))
        .order_by(F("objectives__strategy__start_year").desc(nulls_last=True), "objectives__number")
    )
    by_objective = [
        _outcomes(
            (
                f"{row['objectives__strategy__start_year']}–"
                f"{row['objectives__strategy__end_year']} strategy, objective "
                f"{row['objectives__number']}: {row['objectives__title']}"
            )
            if row["objectives__pk"]
            else "No objective recorded",
            row,
            row["objectives__pk"],
        )
        for row in objective_rows
    ]
    undated_row = undated(bids(partnership)).order_by().aggregate(**_outcome_aggregates())
    return YearSummary(
        year=year,
        total=total,
        by_funder=by_funder,
        by_objective=by_objective,
        undated=_outcomes("No date recorded", undated_row),
        years=summary_years(partnership),
    )


def year_totals(partnership: Partnership, year: FinancialYear) -> Outcomes:
    """Secured, pending and unsuccessful money of the bids dated in ``year`` (one query)."""
    return _outcomes(
        "Total", in_year(bids(partnership), year).order_by().aggregate(**_outcome_aggregates())
    )


def home_panel(partnership: Partnership) -> dict:
    """For the partnership home page: the current action plan's year's headline figures
    (without a plan, this year's or the latest year's with bids)."""
    plan = actionplan_selectors.current_plan(actionplan_selectors.plans(partnership))
    year = plan.year if plan is not None else latest_year(partnership)
    return {"year": year, "total": year_totals(partnership, year)}


# ---- a bid's edit history -------------------------------------------------------------------

HIDDEN_IN_HISTORY = {"version", "created_at", "updated_at", "partnership"}
# One save writes the bid and then its objectives: records this close together are one edit.
SAME_EDIT = datetime.timedelta(seconds=5)


def edit_history(bid: FundingBid) -> list[Edit]:
    """Who changed which fields of the bid, newest first."""
    funders = dict(bid.partnership.funders.values_list("pk", "name"))
    organisations = dict(bid.partnership.organisations.values_list("pk", "short_name"))
    objectives = {o.pk: o for o in objectives_of(bid.partnership)}

    def objective_refs(rows) -> str:
        refs = sorted(
            (objectives[row["objective"]] for row in rows if row["objective"] in objectives),
            key=lambda o: (o.strategy.start_year, o.number),
        )
        return "; ".join(f"{o.strategy.start_year}–{o.strategy.end_year} no. {o.number}"
                         for o in refs) or "(none)"  # fmt: skip

    def money(value) -> str:
        return "(empty)" if value is None else format_pounds(value)

    tracked = Tracked(
        FundingBid,
        labels_of(FundingBid, exclude=HIDDEN_IN_HISTORY),
        show={
            "objectives": objective_refs,
            "funder": lambda pk: "(empty)" if pk is None else funders.get(pk, f"funder {pk}"),
            "organisation": lambda pk: (
                "(empty)" if pk is None else organisations.get(pk, f"organisation {pk}")
            ),
            "amount_requested": money,
            "amount_awarded": money,
        },
    )
    records = bid.history.select_related("history_user").order_by("history_date", "pk")
    return list(reversed(joined(edits(records, tracked), SAME_EDIT)))


# ---- papers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Award:
    title: str
    funder: str
    received_on: datetime.date | None
    month_only: bool  # the record gives the month, not the day
    amount: Decimal
    delivered_by: str
    purpose: str


def awards_received(
    partnership: Partnership, start: datetime.date, end: datetime.date
) -> list[Award]:
    """Successful bids whose money arrived between ``start`` and ``end``, by date (1 query)."""
    rows = (
        with_year_date(bids(partnership))
        .filter(status=BidStatus.SUCCESSFUL, year_on__gte=start, year_on__lte=end)
        .select_related("funder", "organisation")
        .order_by("year_on", "title", "pk")
    )
    return [_award(bid) for bid in rows]


def _award(bid: FundingBid) -> Award:
    """``bid`` with ``year_on`` annotated and its funder and organisation fetched."""
    return Award(
        title=bid.title,
        funder=bid.funder.name if bid.funder else "",
        received_on=bid.year_on,
        month_only=bid.date_precision == "month",
        amount=pennies(bid.amount_awarded or ZERO),
        delivered_by=bid.delivering_team
        or (bid.organisation.short_name if bid.organisation else ""),
        purpose=bid.purpose,
    )


@dataclass(frozen=True)
class FundedBid:
    award: Award
    status: str
    amount_requested: Decimal | None
    spent_in_period: Decimal
    spent_to_date: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.award.amount - self.spent_to_date


def bids_of_funder(
    partnership: Partnership, funder_name: str, start: datetime.date, end: datetime.date
) -> list[FundedBid]:
    """A funder's bids dated in the period, with their spend in the period and up to its end
    (1 query). Drafts and withdrawn bids are left out."""
    in_period = Q(spend_entries__spent_on__gte=start, spend_entries__spent_on__lte=end)
    to_date = Q(spend_entries__spent_on__lte=end)
    rows = (
        with_year_date(bids(partnership))
        .filter(funder__name=funder_name, year_on__gte=start, year_on__lte=end)
        .exclude(status__in=[BidStatus.DRAFT, BidStatus.WITHDRAWN])
        .select_related("funder", "organisation")
        .annotate(
            spent_period=money_sum("spend_entries__amount", filter=in_period),
            spent_to_date=money_sum("spend_entries__amount", filter=to_date),
        )
        .order_by("year_on", "title", "pk")
    )
    return [
        FundedBid(
            award=_award(bid),
            status=bid.get_status_display(),
            amount_requested=bid.amount_requested,
            spent_in_period=pennies(bid.spent_period),
            spent_to_date=pennies(bid.spent_to_date),
        )
        for bid in rows
    ]

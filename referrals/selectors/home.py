"""The referrals panel of the partnership's home page."""

from dataclasses import dataclass

from actionplan import selectors as actionplan_selectors
from referrals import rules
from referrals.figures import Change, change
from referrals.selectors.common import years_with_counts
from referrals.selectors.trends import partnership_table, quarter_span, table_totals
from sosafe.models import Membership
from sosafe.periods import FinancialYear

# The partnership's home page ----------------------------------------------------------------


@dataclass
class HomeSummary:
    readable: bool  # False for the scrutiny role: the public table only
    year: FinancialYear | None = None
    service_count: int = 0  # services with a count in the year
    total: int | None = None
    previous_total: int | None = None
    illustrative: bool = False  # the year's total includes illustrative figures
    previous_illustrative: bool = False  # so does last year's, over the same quarters
    period_label: str = ""

    @property
    def change(self) -> Change:
        return change(self.previous_total, self.total)


def home_summary(membership: Membership) -> HomeSummary:
    """The referrals of the current action plan's year across the partnership, for its home
    page; without a plan, of the latest year with counts (at most 6 queries)."""
    if not rules.can_read(membership):
        return HomeSummary(readable=False)
    partnership = membership.partnership
    plan = actionplan_selectors.current_plan(actionplan_selectors.plans(partnership))
    if plan is not None:
        year = plan.year
    else:
        years = years_with_counts(partnership)
        if not years:
            return HomeSummary(readable=True)
        year = years[0]
    rows = [row for row in partnership_table(partnership, year) if row.year.total is not None]
    total, previous_total = table_totals(rows)
    quarters = sorted({n for row in rows for n in row.year.quarters_reported})
    return HomeSummary(
        readable=True,
        year=year,
        service_count=len(rows),
        total=total,
        previous_total=previous_total,
        illustrative=any(row.year.illustrative for row in rows),
        previous_illustrative=any(row.year.previous_illustrative for row in rows),
        period_label="whole year" if len(quarters) == 4 or not quarters else quarter_span(quarters),
    )

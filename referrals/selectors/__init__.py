"""Reads of services and referral counts that pages, exports and reports share.

Each returns plain data for a partnership and a period in a fixed number of queries, whatever
the number of services and years. Split by seam: common (periods, services), grid (entry and
quarter comparisons), trends (per service and the partnership table), home (the home panel).
"""

from referrals.selectors.common import (
    ReturnKey,
    default_quarter,
    quarter_choices,
    quarter_from,
    responsible_service_ids,
    service_with_details,
    services,
    services_active_between,
    year_from,
    years_with_counts,
)
from referrals.selectors.grid import (
    Grid,
    GridRow,
    ServiceQuarter,
    grid,
    quarter_comparison,
)
from referrals.selectors.home import (
    HomeSummary,
    home_summary,
)
from referrals.selectors.trends import (
    QuarterCell,
    ServiceTrend,
    SourceRow,
    TableRow,
    YearRow,
    partnership_table,
    quarter_span,
    reported_notes,
    service_trend,
    table_has_illustrative,
    table_totals,
)

__all__ = [
    "Grid",
    "GridRow",
    "HomeSummary",
    "QuarterCell",
    "ReturnKey",
    "ServiceQuarter",
    "ServiceTrend",
    "SourceRow",
    "TableRow",
    "YearRow",
    "default_quarter",
    "grid",
    "home_summary",
    "partnership_table",
    "quarter_choices",
    "quarter_comparison",
    "quarter_from",
    "quarter_span",
    "reported_notes",
    "responsible_service_ids",
    "service_trend",
    "service_with_details",
    "services",
    "services_active_between",
    "table_has_illustrative",
    "table_totals",
    "year_from",
    "years_with_counts",
]

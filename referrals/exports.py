"""Every table the referrals pages show, as a spreadsheet (CSV or XLSX through
``sosafe.spreadsheets``, which keeps every text cell as text).

Each sheet has the same rows and columns as the page it comes from. Counts stay numbers in
XLSX; the public table's counts are text because "<5" is not a number.
"""

from referrals.disclosure import public_change, suppress, threshold_in_force
from referrals.models import ReferralReturn
from referrals.selectors import Grid, ServiceTrend, TableRow
from sosafe.models import Partnership
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import Sheet

IMPORT_HEADERS = ["service", "year", "quarter", "source", "count"]
TOTAL_SOURCE = "total"


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def grid_sheet(grid: Grid) -> Sheet:
    quarter = grid.quarter
    last, last_year = quarter.previous(), quarter.same_quarter_last_year()
    sheet = Sheet(
        rows=[],
        headers=[
            "service",
            "organisation",
            str(quarter),
            f"{quarter} illustrative",
            str(last),
            f"{last} illustrative",
            str(last_year),
            f"{last_year} illustrative",
            "change on same quarter last year",
            "change %",
        ],
        title=str(quarter),
    )
    for row in grid.rows:
        changed = row.change_on_last_year
        sheet.rows.append(
            [
                row.service.name,
                row.service.organisation.short_name,
                row.current.total if row.current else None,
                _yes(bool(row.current and row.current.illustrative)),
                row.previous.total if row.previous else None,
                _yes(bool(row.previous and row.previous.illustrative)),
                row.last_year.total if row.last_year else None,
                _yes(bool(row.last_year and row.last_year.illustrative)),
                changed.difference,
                changed.percent,
            ]
        )
    return sheet


def trend_sheet(trend: ServiceTrend) -> Sheet:
    sheet = Sheet(
        rows=[],
        headers=[
            "financial year",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "total",
            "quarters in total",
            "last year over the same quarters",
            "change",
            "change %",
            "includes illustrative figures",
            "last year includes illustrative figures",
        ],
        title=trend.service.name,
    )
    for row in trend.years:
        changed = row.change_on_last_year
        sheet.rows.append(
            [
                str(row.year),
                *[cell.count for cell in row.cells],
                row.total,
                row.period_label,
                row.previous_total,
                changed.difference,
                changed.percent,
                _yes(row.illustrative),
                _yes(row.previous_illustrative),
            ]
        )
    return sheet


def table_sheet(rows: list[TableRow], year: FinancialYear) -> Sheet:
    sheet = Sheet(
        rows=[],
        headers=[
            "service",
            "organisation",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "total",
            "quarters in total",
            "last year over the same quarters",
            "change",
            "change %",
            "includes illustrative figures",
            "last year includes illustrative figures",
            "reported figures",
        ],
        title=str(year).replace("/", "-"),
    )
    for row in rows:
        year_row = row.year
        changed = year_row.change_on_last_year
        sheet.rows.append(
            [
                row.service.name,
                row.service.organisation.short_name,
                *[cell.count for cell in year_row.cells],
                year_row.total,
                year_row.period_label,
                year_row.previous_total,
                changed.difference,
                changed.percent,
                _yes(year_row.illustrative),
                _yes(year_row.previous_illustrative),
                (
                    "; ".join(
                        f"{figure.count} ({figure.period}; {figure.source})"
                        for figure in year_row.reported
                    )
                ),
            ]
        )
    return sheet


def public_table_sheet(
    rows: list[TableRow], year: FinancialYear, threshold: int | None = None
) -> Sheet:
    threshold = threshold_in_force(threshold)
    sheet = Sheet(
        rows=[],
        headers=[
            "service",
            "organisation",
            f"{year} total",
            "quarters in total",
            "last year over the same quarters",
            "change",
            "includes illustrative figures",
            "last year includes illustrative figures",
            f"note: counts below {threshold} are shown as <{threshold}",
        ],
        title=f"Public {year}".replace("/", "-"),
    )
    for row in rows:
        year_row = row.year
        sheet.rows.append(
            [
                row.service.name,
                row.service.organisation.short_name,
                suppress(year_row.total, threshold),
                year_row.period_label,
                suppress(year_row.previous_total, threshold),
                public_change(year_row.previous_total, year_row.total, threshold)
                if year_row.total is not None
                else "",
                _yes(year_row.illustrative),
                _yes(year_row.previous_illustrative),
                "",
            ]
        )
    return sheet


def counts_sheet(partnership: Partnership) -> Sheet:
    """Every count in the import layout: a "total" row per return, then its breakdown."""
    sheet = Sheet(rows=[], headers=[*IMPORT_HEADERS, "illustrative"], title="Referral counts")
    returns = (
        ReferralReturn.objects.filter(service__partnership=partnership)
        .select_related("service")
        .prefetch_related("sources__organisation")
        .order_by("service__name", "year", "quarter")
    )
    for referral_return in returns:
        common = [referral_return.service.name, str(referral_return.year)]
        quarter = f"Q{referral_return.quarter}"
        flag = _yes(referral_return.illustrative)
        sheet.rows.append([*common, quarter, TOTAL_SOURCE, referral_return.total, flag])
        for source in referral_return.sources.all():
            sheet.rows.append([*common, quarter, source.label, source.count, flag])
    return sheet

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from funding import charts, rules, selectors
from funding.filters import NO_DATE
from sosafe.access import partnership_view, require
from sosafe.models import Membership
from sosafe.periods import FinancialYear, PeriodError

SUMMARY_MESSAGE = "Your role does not include the funding summary."


@partnership_view
def summary_latest(request: HttpRequest, membership: Membership) -> HttpResponse:
    require(rules.can_read_summary(membership), SUMMARY_MESSAGE)
    year = selectors.latest_year(membership.partnership)
    return redirect("funding:summary-detail", membership.partnership.slug, year.slug)


@partnership_view
def summary_detail(request: HttpRequest, membership: Membership, year: str) -> HttpResponse:
    require(rules.can_read_summary(membership), SUMMARY_MESSAGE)
    try:
        financial_year = FinancialYear.parse(year)
    except PeriodError as exc:
        raise Http404("No such financial year.") from exc
    summary = selectors.year_summary(membership.partnership, financial_year)
    chart = None
    if any(row.secured or row.pending for row in summary.by_funder):
        chart = charts.funder_chart(
            summary.by_funder,
            title=f"Funding secured and pending by funder, {financial_year}",
            describedby="funder-chart-caption",
        )
    context = {
        "summary": summary,
        "year": financial_year,
        "chart": chart,
        "can_read_bids": rules.can_read_bids(membership),
        "no_date": NO_DATE,
    }
    return render(request, "funding/funding_summary.html", context)

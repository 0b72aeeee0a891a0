from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from funding import charts, rules, selectors
from funding.filters import NO_DATE
from sosafe.access import SAFE, Rule, partnership_view
from sosafe.models import Membership
from sosafe.periods import FinancialYear

SUMMARY_MESSAGE = "Your role does not include the funding summary."


@partnership_view(rule=Rule(rules.can_read_summary, SUMMARY_MESSAGE), methods=SAFE)
def summary_latest(request: HttpRequest, membership: Membership) -> HttpResponse:
    year = selectors.latest_year(membership.partnership)
    return redirect("funding:summary-detail", membership.partnership.slug, year.slug)


@partnership_view(rule=Rule(rules.can_read_summary, SUMMARY_MESSAGE), methods=SAFE)
def summary_detail(
    request: HttpRequest, membership: Membership, year: FinancialYear
) -> HttpResponse:
    summary = selectors.year_summary(membership.partnership, year)
    if year not in summary.years:
        raise Http404("The funding summary does not cover that year.")
    chart = None
    if any(row.secured or row.pending for row in summary.by_funder):
        chart = charts.funder_chart(
            summary.by_funder,
            title=f"Funding secured and pending by funder, {year}",
            describedby="funder-chart-caption",
        )
    context = {
        "summary": summary,
        "year": year,
        "chart": chart,
        "can_read_bids": rules.can_read_bids(membership),
        "no_date": NO_DATE,
    }
    return render(request, "funding/funding_summary.html", context)

"""Reading indicators: the list at a quarter and one indicator's series."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from indicators import charts, rules, selectors
from indicators.models import Indicator
from indicators.series import series_table
from sosafe.access import SAFE, Rule, partnership_view
from sosafe.models import Membership
from sosafe.periods import FinancialYear, PeriodError, Quarter


def quarter_from(text: str | None, fallback: Quarter) -> tuple[Quarter, str]:
    """The quarter ``?quarter=`` names, or the fallback and why the parameter was not used."""
    if not text:
        return fallback, ""
    try:
        return Quarter.parse(text), ""
    except PeriodError as exc:
        return fallback, f"{exc} Showing {fallback} instead."


def quarter_choices(selected: Quarter, span: tuple[Quarter, Quarter] | None) -> list[Quarter]:
    """Every quarter from the oldest with values to the newest (or the last completed one),
    newest first, and ``selected``."""
    newest = Quarter.current().previous()
    oldest = newest
    if span:
        oldest, newest = min(span[0], newest), max(span[1], newest)
    choices, quarter = [], newest
    while quarter >= oldest:
        choices.append(quarter)
        quarter = quarter.previous()
    if selected not in choices:
        choices = sorted([*choices, selected], reverse=True)
    return choices


@partnership_view(rule=Rule(rules.can_read, rules.READERS_ONLY), methods=SAFE)
def indicator_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    span = selectors.quarter_span(partnership)
    newest = span[1] if span else Quarter.current().previous()
    quarter, message = quarter_from(request.GET.get("quarter"), newest)
    summaries = selectors.indicator_summaries(
        partnership, year=quarter.year, quarter=quarter.number
    )
    context = {
        "quarter": quarter,
        "quarters": quarter_choices(quarter, span),
        "quarter_message": message,
        "summaries": summaries,
        "has_illustrative": any(s.illustrative for s in summaries),
        "can_manage": rules.can_manage(membership),
    }
    return render(request, "indicators/indicator_list.html", context)


def indicator_or_404(membership: Membership, pk: int) -> Indicator:
    indicator = selectors.indicator_or_none(membership.partnership, pk)
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


@partnership_view(rule=Rule(rules.can_read, rules.READERS_ONLY), methods=SAFE)
def indicator_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    indicator = indicator_or_404(membership, pk)
    series = selectors.indicator_series(indicator)
    summary = None
    if series.periods:
        last = series.periods[-1]
        summary = selectors.summarise(series, last if isinstance(last, Quarter) else last.quarter)
    table = series_table(series)
    context = {
        "indicator": indicator,
        "summary": summary,
        "table": table,
        "chart": charts.series_chart(table) if table.rows else "",
        "can_manage": rules.can_manage(membership),
        "entry_year": table.years[-1] if table.years else FinancialYear.current(),
        "crumbs": [
            (
                reverse("indicators:indicator-list", args=[indicator.partnership.slug]),
                "Performance indicators",
            )
        ],
    }
    return render(request, "indicators/indicator_detail.html", context)

"""Reading referral counts: the partnership-wide table, its public variant, a service's trend,
and their exports."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from referrals import charts, exports, rules, selectors
from referrals.figures import change
from referrals.models import Service
from sosafe.access import SAFE, Rule, partnership_view
from sosafe.models import Membership
from sosafe.spreadsheets import download

PUBLIC_ONLY = (
    "The scrutiny committee sees the public table of year totals, with small counts "
    "suppressed; quarterly and per-agency figures are for partnership members."
)


def _table_context(request: HttpRequest, membership: Membership) -> dict:
    year, years, message = selectors.year_from(request.GET.get("year"), membership.partnership)
    rows = selectors.partnership_table(membership.partnership, year)
    return {"year": year, "years": years, "year_message": message, "rows": rows}


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def service_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    context = _table_context(request, membership)
    rows = context["rows"]
    total, previous_total = selectors.table_totals(rows)
    context |= {
        "has_illustrative": selectors.table_has_illustrative(rows),
        "notes": selectors.reported_notes(rows),
        "total": total,
        "previous_total": previous_total,
        "total_change": change(previous_total, total),
        "can_manage": rules.can_manage_services(membership),
        "can_import": rules.can_import(membership),
    }
    return render(request, "referrals/service_list.html", context)


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def service_list_export(request: HttpRequest, membership: Membership, fmt: str) -> HttpResponse:
    context = _table_context(request, membership)
    return download(
        f"referrals-{context['year'].slug}",
        fmt,
        exports.table_sheet(context["rows"], context["year"]),
    )


@partnership_view(rule=Rule(rules.can_read_public), methods=SAFE)
def service_public(request: HttpRequest, membership: Membership) -> HttpResponse:
    context = _table_context(request, membership)
    context |= {
        "has_illustrative": selectors.table_has_illustrative(context["rows"]),
        "threshold": membership.partnership.suppression_threshold,
    }
    return render(request, "referrals/service_public.html", context)


@partnership_view(rule=Rule(rules.can_read_public), methods=SAFE)
def service_public_export(request: HttpRequest, membership: Membership, fmt: str) -> HttpResponse:
    context = _table_context(request, membership)
    return download(
        f"referrals-{context['year'].slug}-public",
        fmt,
        exports.public_table_sheet(
            context["rows"], context["year"], membership.partnership.suppression_threshold
        ),
    )


def _service_or_404(membership: Membership, pk: int) -> Service:
    try:
        return selectors.service_with_details(membership.partnership, pk)
    except Service.DoesNotExist as exc:
        raise Http404("No such service.") from exc


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def service_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    service = _service_or_404(membership, pk)
    trend = selectors.service_trend(service)
    responsible = selectors.responsible_service_ids(membership)
    context = {
        "service": service,
        "trend": trend,
        "chart": charts.trend_chart(trend) if trend.has_counts else "",
        "can_enter": rules.can_enter_for(membership, service, responsible),
        "can_manage": rules.can_manage_services(membership),
        "entry_quarter": selectors.default_quarter(),
    }
    return render(request, "referrals/service_detail.html", context)


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def service_detail_export(
    request: HttpRequest, membership: Membership, pk: int, fmt: str
) -> HttpResponse:
    service = _service_or_404(membership, pk)
    return download(
        f"referrals-service-{service.pk}",
        fmt,
        exports.trend_sheet(selectors.service_trend(service)),
    )


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def return_export(request: HttpRequest, membership: Membership, fmt: str) -> HttpResponse:
    """Every count in the import layout, to edit and import again."""
    return download("referral-counts", fmt, exports.counts_sheet(membership.partnership))

"""The cross-app pages: the partnership home and the RAG dashboard."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from reports import rules
from reports.charts import status_chart, status_summary
from reports.dashboard import choose_plan, gather_dashboard
from sosafe import registry
from sosafe.access import EVERY_MEMBER, SAFE, partnership_view, require
from sosafe.models import Membership, Partnership
from sosafe.periods import FinancialYear


def _action_url_prefix(partnership_slug: str) -> str:
    """The action pages' address up to the action's pk: one reverse() for the dashboard's
    hundreds of exception rows rather than one each."""
    return reverse("actionplan:action-detail", args=[partnership_slug, 0]).removesuffix("0/")


def _who(partnership: Partnership) -> dict:
    """The partnership with its groups and organisations (reports/includes/who.html, read by
    the about page only)."""
    return {
        "partnership": partnership,
        "groups": partnership.groups.prefetch_related("members"),
        "organisations": partnership.organisations.all(),
    }


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def home(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The partnership's home page: each app's panel, and links to the dashboard (for those
    who may read it) and to the about page with the groups and organisations."""
    context = {
        "partnership": membership.partnership,
        "panels": registry.home_panels(membership),
        "can_read_dashboard": rules.can_read_dashboard(membership),
    }
    return render(request, "reports/home.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def dashboard(
    request: HttpRequest,
    membership: Membership,
    year: FinancialYear | None = None,
    quarter: int = 0,
) -> HttpResponse:
    """The plan year and quarter in the URL; without a quarter, the plan's latest reported
    one; without a year, the current plan's."""
    refusal = rules.dashboard_refusal(membership)
    require(refusal is None, refusal or "")
    choice = choose_plan(membership.partnership, year)
    if choice.plan is None:
        if year is not None:
            raise Http404("No action plan for that year.")
        return render(request, "reports/dashboard_no_plan.html", {})
    board = gather_dashboard(
        membership.partnership,
        choice.plan,
        quarter or choice.latest_quarter,
        viewer=membership,
        choice=choice,
    )
    context = {
        "board": board,
        "status_chart": status_chart(board),
        "status_summary": status_summary(board),
        "action_url_prefix": _action_url_prefix(board.partnership_slug),
    }
    return render(request, "reports/dashboard.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def about(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Who the partnership is: its groups and member organisations (every member reads it)."""
    return render(request, "reports/about.html", _who(membership.partnership))

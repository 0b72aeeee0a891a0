"""The plan's year: approve it, close it, roll it forward into next year's draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from actionplan import cycle_services, rules
from actionplan.forms import PlanApproveForm
from actionplan.models import ActionPlan
from actionplan.selectors import cycle as cycle_selectors
from actionplan.views.plans import _plan_or_404
from sosafe.access import EVERY_MEMBER, FORM, partnership_view, require
from sosafe.models import Membership
from sosafe.periods import FinancialYear


def _managed_plan(membership: Membership, year: FinancialYear) -> ActionPlan:
    require(rules.can_manage_quarters(membership), cycle_services.COORDINATOR_ONLY)
    return _plan_or_404(membership, year)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def plan_approve(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _managed_plan(membership, year)
    form = PlanApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = cycle_services.plan_approve(
                membership=membership, plan=plan, approved_on=form.cleaned_data["approved_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{plan} is approved by RAG: its quarters can be opened.")
            return redirect(plan.get_absolute_url())
    context = {"plan": plan, "form": form}
    return render(
        request, "actionplan/actionplan_approve.html", context, status=400 if form.errors else 200
    )


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def plan_close(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _managed_plan(membership, year)
    if request.method == "POST":
        try:
            plan = cycle_services.plan_close(membership=membership, plan=plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{plan} is closed: it takes no more updates.")
        return redirect(plan.get_absolute_url())
    context = {
        "plan": plan,
        "open_window": cycle_selectors.open_window_of(plan),
    }
    return render(request, "actionplan/actionplan_close.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def plan_roll_forward(
    request: HttpRequest, membership: Membership, year: FinancialYear
) -> HttpResponse:
    """Before: what will be carried and what stays behind. After: what moved, with links."""
    plan = _managed_plan(membership, year)
    if request.method == "POST":
        try:
            result = cycle_services.plan_roll_forward(plan=plan, by=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{result.new_plan} is created as a draft with {len(result.split.carried)} "
                f"action{'s' if len(result.split.carried) != 1 else ''} carried forward.",
            )
        return redirect(
            reverse("actionplan:plan-roll-forward", args=[membership.partnership.slug, year.slug])
        )
    next_plan = ActionPlan.objects.filter(
        partnership=membership.partnership, year=plan.year.next()
    ).first()
    context = {
        "plan": plan,
        "split": cycle_selectors.roll_split(plan),
        "next_plan": next_plan,
        "next_year": plan.year.next(),
        "rolled": next_plan is not None and next_plan.rolled_from_id == plan.pk,
    }
    return render(request, "actionplan/actionplan_roll_forward.html", context)

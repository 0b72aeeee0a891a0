"""Strategy, plan and action pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from actionplan import fragments, rules, selectors
from actionplan.filters import ActionFilter
from actionplan.models import Action, ActionPlan, Strategy
from actionplan.rules import can_view_action
from sosafe.access import EVERY_MEMBER, SAFE, Rule, partnership_view, require
from sosafe.models import Membership
from sosafe.periods import FinancialYear

SCRUTINY_MESSAGE = "The scrutiny committee reads the partnership's published reports."


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def strategy_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    try:
        strategy = selectors.strategy_detail(membership.partnership, pk)
    except Strategy.DoesNotExist as exc:
        raise Http404("No such strategy.") from exc
    refusal = rules.strategy_refusal(membership, strategy)
    require(refusal is None, refusal or "")
    context = {"strategy": strategy, "can_author": rules.can_author_plans(membership)}
    return render(request, "actionplan/strategy_detail.html", context)


def _plan_or_404(membership: Membership, year: FinancialYear) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("strategy", "rolled_from"),
        partnership=membership.partnership,
        year=year,
    )


@partnership_view(rule=Rule(rules.can_read_plans, SCRUTINY_MESSAGE), methods=SAFE)
def plan_detail(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    visible = selectors.visible_actions(membership).filter(aim__theme__plan=plan)
    action_filter = ActionFilter(
        request.GET,
        queryset=selectors.with_current_status(visible, membership),
        plan=plan,
        viewer=membership,
    )
    actions = selectors.plan_row_heads(action_filter.qs, plan, membership)
    fragments.plan_rows(actions, membership)
    hidden_restricted = (
        0
        if membership.can_see_restricted
        else Action.objects.live()
        .filter(aim__theme__plan=plan, restricted=True)
        .exclude(pk__in=visible.values("pk"))
        .count()
    )
    is_filtered = any(action_filter.form.cleaned_data.values())
    every_theme = None if is_filtered else selectors.plan_themes(plan)
    context = {
        "plan": plan,
        "filter": action_filter,
        "themes": selectors.group_by_theme_and_aim(actions, every_theme),
        "action_count": len(actions),
        "is_filtered": is_filtered,
        "hidden_restricted": hidden_restricted,
        "quarter_progress": selectors.quarter_progress(plan, visible),
        "may_write_updates": rules.may_write_updates(membership),
        "can_manage_quarters": rules.can_manage_quarters(membership),
    }
    return render(request, "actionplan/actionplan_detail.html", context)


@partnership_view(rule=Rule(rules.can_read_plans, SCRUTINY_MESSAGE), methods=SAFE)
def action_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    action = get_object_or_404(
        selectors.action_rows(
            Action.objects.filter(aim__theme__plan__partnership=membership.partnership),
            membership,
        ).select_related("aim__theme__plan__strategy"),
        pk=pk,
    )
    if not can_view_action(membership, action):
        # Restricted work is not disclosed to those who may not see it.
        raise Http404("No such action.")
    plan = action.aim.theme.plan
    updates = {update.quarter: update for update in action.quarterly_updates}
    quarters = [(quarter, updates.get(quarter.number)) for quarter in plan.year.quarters()]
    timeline = selectors.action_timeline(action, plan)
    for entry in timeline:
        entry.can_edit = rules.can_edit_update(membership, action, entry.window, entry.update)
        entry.can_review = rules.review_refusal(membership, entry.update, entry.window) is None
    context = {
        "plan": plan,
        "action": action,
        "quarters": quarters,
        "timeline": timeline,
        "action_changes": selectors.action_changes(action),
    }
    return render(request, "actionplan/action_detail.html", context)

"""The coordinator writes the year's action plan: create it, its outline (themes, aims, actions
and outcomes, each with its edit, move and delete-or-archive buttons), reorder, remove."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from actionplan import authoring, rules
from actionplan.authoring_forms import PlanForm, RemoveForm
from actionplan.models import Action, ActionPlan, Aim, ExpectedOutcome, Theme
from actionplan.selectors import authoring as authoring_selectors
from actionplan.views.plans import _plan_or_404
from sosafe.access import FORM, POST_ONLY, SAFE, Rule, partnership_view, require
from sosafe.concurrency import StaleEdit, conflict_of, stale_edit_response
from sosafe.models import Membership
from sosafe.periods import FinancialYear

AUTHOR = Rule(rules.can_author_plans, rules.AUTHOR_MESSAGE)


def outline_url(plan: ActionPlan, anchor: str = "") -> str:
    url = reverse("actionplan:plan-outline", args=[plan.partnership.slug, plan.year.slug])
    return f"{url}#{anchor}" if anchor else url


def open_plan(plan: ActionPlan) -> ActionPlan:
    """The plan, if its outline may still change (403 with the reason if not)."""
    refusal = rules.plan_edit_refusal(plan)
    require(refusal is None, refusal or "")
    return plan


def in_partnership(model, membership: Membership, pk: int):
    """A theme, aim, action or outcome of the member's partnership, or 404."""
    path = {
        Theme: "plan",
        Aim: "theme__plan",
        Action: "aim__theme__plan",
        ExpectedOutcome: "action__aim__theme__plan",
    }[model]
    return get_object_or_404(model, pk=pk, **{f"{path}__partnership": membership.partnership})


def form_page(
    request: HttpRequest,
    membership: Membership,
    *,
    template: str,
    context: dict,
    form,
    formsets: tuple = (),
    save: Callable[[], object],
    form_for: Callable | None = None,
    what: str,
    done: Callable[[object], str],
    message: Callable[[object], str],
) -> HttpResponse:
    """A form page's one flow: valid -> ``save()`` -> message and redirect to ``done(record)``;
    invalid -> the page again (400) with the error summary, keeping what was typed; saved by
    someone else meanwhile -> 409 with their values beside what was typed."""
    context = {**context, "form": form, "formsets": list(formsets)}
    if request.method == "POST":
        valid = form.is_valid() & all([formset.is_valid() for formset in formsets])
        if valid:
            try:
                record = save()
            except StaleEdit as stale:
                return stale_edit_response(
                    request,
                    template,
                    context,
                    current=stale.current,
                    form_for=form_for,
                    what=what,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message(record))
                return redirect(done(record))
    status = 400 if form.errors or any(formset.total_error_count() for formset in formsets) else 200
    return render(request, template, context, status=status)


# The plan -----------------------------------------------------------------------------------


@partnership_view(rule=AUTHOR, methods=FORM)
def plan_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    initial = {}
    latest = ActionPlan.objects.filter(partnership=partnership).order_by("-year").first()
    if latest is not None:
        initial = {"year": latest.year.next(), "strategy": latest.strategy_id}
    form = PlanForm(request.POST or None, partnership=partnership, initial=initial)
    return form_page(
        request,
        membership,
        template="actionplan/actionplan_form.html",
        context={"plan": None},
        form=form,
        save=lambda: authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=partnership.pk,
            reason="Created as a draft",
        ),
        what="plan",
        done=outline_url,
        message=lambda plan: f"{plan} is created as a draft: add its themes, aims and actions.",
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def plan_edit(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = open_plan(_plan_or_404(membership, year))
    saved_title = plan.title

    def form_for(data, instance):
        return PlanForm(data, instance=instance, partnership=membership.partnership)

    form = form_for(request.POST or None, plan)
    return form_page(
        request,
        membership,
        template="actionplan/actionplan_form.html",
        context={"plan": plan, "saved_title": saved_title, "outline_url": outline_url(plan)},
        form=form,
        save=lambda: authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=plan.partnership_id,
            seen_version=form.seen_version,
        ),
        form_for=form_for,
        what="plan",
        done=outline_url,
        message=lambda plan: f"{plan} is saved.",
    )


@partnership_view(rule=AUTHOR, methods=SAFE)
def plan_outline(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    context = {
        "plan": plan,
        "outline": authoring_selectors.plan_outline(plan),
        "refusal": rules.plan_edit_refusal(plan),
        "changes": authoring_selectors.plan_changes(plan)[:50],
    }
    return render(request, "actionplan/actionplan_outline.html", context)


# Reorder, remove, restore ---------------------------------------------------------------------

MOVABLE = {"theme": Theme, "aim": Aim, "action": Action, "outcome": ExpectedOutcome}


def _move(request: HttpRequest, membership: Membership, kind: str, pk: int) -> HttpResponse:
    record = in_partnership(MOVABLE[kind], membership, pk)
    plan = open_plan(authoring.plan_of(record))
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Say which way to move it: up or down.")
    if kind == "outcome":
        moved = authoring.outcome_move(membership=membership, outcome=record, direction=direction)
    else:
        moved = authoring.record_move(membership=membership, record=record, direction=direction)
    if not moved:
        messages.info(request, f"It is already {'first' if direction == 'up' else 'last'}.")
    else:
        messages.success(request, f"Moved {direction}.")
    return redirect(outline_url(plan, f"{kind}-{pk}"))


@partnership_view(rule=AUTHOR, methods=POST_ONLY)
def theme_move(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _move(request, membership, "theme", pk)


@partnership_view(rule=AUTHOR, methods=POST_ONLY)
def aim_move(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _move(request, membership, "aim", pk)


@partnership_view(rule=AUTHOR, methods=POST_ONLY)
def action_move(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _move(request, membership, "action", pk)


@partnership_view(rule=AUTHOR, methods=POST_ONLY)
def outcome_move(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _move(request, membership, "outcome", pk)


def _remove(request: HttpRequest, membership: Membership, kind: str, pk: int) -> HttpResponse:
    """GET: what will happen (deleted, or archived because it has progress). POST: do it."""
    record = in_partnership(MOVABLE[kind], membership, pk)
    plan = open_plan(authoring.plan_of(record))
    form = RemoveForm(request.POST or None, initial={"version": record.version})
    has_progress = rules.has_progress(record)
    context = {
        "plan": plan,
        "record": record,
        "kind": kind,
        "has_progress": has_progress,
        "form": form,
        "contents": _contents(record),
    }
    if request.method == "POST" and form.is_valid():
        try:
            done = authoring.record_remove(
                membership=membership, record=record, seen_version=form.cleaned_data["version"]
            )
        except StaleEdit as stale:
            context["conflict"] = conflict_of(
                stale.current,
                what=kind,
                kept_form=False,
                refused="It was not removed: check what they changed below, then decide again.",
            )
            context["form"] = RemoveForm(initial={"version": stale.current.version})
            context["record"] = stale.current
            return render(request, "actionplan/outline_remove.html", context, status=409)
        messages.success(request, f"The {kind} “{record}” is {done}.")
        return redirect(outline_url(plan))
    return render(request, "actionplan/outline_remove.html", context)


def _contents(record) -> dict[str, int]:
    if isinstance(record, Theme):
        return {
            "aims": record.aims.count(),
            "actions": Action.objects.filter(aim__theme=record).count(),
        }
    if isinstance(record, Aim):
        return {"actions": record.actions.count()}
    return {"outcomes": record.outcomes.count(), "updates": record.updates.count()}


@partnership_view(rule=AUTHOR, methods=FORM)
def theme_remove(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _remove(request, membership, "theme", pk)


@partnership_view(rule=AUTHOR, methods=FORM)
def aim_remove(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _remove(request, membership, "aim", pk)


@partnership_view(rule=AUTHOR, methods=FORM)
def action_remove(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    return _remove(request, membership, "action", pk)


@partnership_view(rule=AUTHOR, methods=POST_ONLY)
def action_restore(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    action = in_partnership(Action, membership, pk)
    plan = open_plan(authoring.plan_of(action))
    if action.archived_at is not None or action.aim.archived_at or action.aim.theme.archived_at:
        authoring.action_restore(membership=membership, action=action)
        messages.success(request, f"The action “{action}” is back in the plan.")
    return redirect(outline_url(plan, f"action-{pk}"))

"""The coordinator's forms for one record each: a strategy (with its overarching aims), an
objective, a theme, an aim, and an action with its leads and expected outcomes."""

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from actionplan import authoring
from actionplan.authoring_forms import (
    ActionForm,
    AimForm,
    Leads,
    ObjectiveForm,
    Outcomes,
    StrategicAims,
    StrategyForm,
    ThemeForm,
)
from actionplan.models import Action, Aim, Objective, Strategy, Theme
from actionplan.selectors import action_changes
from actionplan.selectors import authoring as authoring_selectors
from actionplan.views.authoring import (
    AUTHOR,
    form_page,
    in_partnership,
    open_plan,
    outline_url,
)
from actionplan.views.plans import _plan_or_404
from sosafe.access import FORM, partnership_view
from sosafe.models import Membership
from sosafe.periods import FinancialYear

# The strategy ---------------------------------------------------------------------------------


def _strategy_page(request, membership: Membership, strategy: Strategy | None) -> HttpResponse:
    partnership = membership.partnership
    data = request.POST or None
    saved_title = strategy.title if strategy else ""

    def form_for(data, instance):
        return StrategyForm(data, instance=instance, partnership=partnership)

    form = form_for(data, strategy or Strategy(partnership=partnership))
    aims = StrategicAims(data, instance=form.instance, prefix="aims")

    def save():
        def save_aims(saved):
            aims.instance = saved
            aims.save()

        return authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=partnership.pk,
            seen_version=form.seen_version,
            save_related=save_aims,
        )

    return form_page(
        request,
        membership,
        template="actionplan/strategy_form.html",
        context={
            "strategy": strategy,
            "saved_title": saved_title,
            "changes": authoring_selectors.strategy_changes(strategy)[:50] if strategy else [],
        },
        form=form,
        formsets=(aims,),
        save=save,
        form_for=form_for,
        what="strategy",
        done=lambda saved: saved.get_absolute_url(),
        message=lambda saved: f"Strategy “{saved}” saved.",
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def strategy_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _strategy_page(request, membership, None)


@partnership_view(rule=AUTHOR, methods=FORM)
def strategy_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, partnership=membership.partnership, pk=pk)
    return _strategy_page(request, membership, strategy)


def _objective_page(request, membership, strategy: Strategy, objective: Objective | None):
    def form_for(data, instance):
        return ObjectiveForm(data, instance=instance, strategy=strategy)

    initial = {} if objective else {"number": authoring.next_number(Objective, strategy=strategy)}
    form = ObjectiveForm(
        request.POST or None, instance=objective, strategy=strategy, initial=initial
    )

    def save():
        return authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=strategy.partnership_id,
            seen_version=form.seen_version,
            save_related=lambda saved: form.save_m2m(),
        )

    return form_page(
        request,
        membership,
        template="actionplan/objective_form.html",
        context={"strategy": strategy, "objective": objective},
        form=form,
        save=save,
        form_for=form_for,
        what="objective",
        done=lambda saved: f"{strategy.get_absolute_url()}#objective-{saved.number}",
        message=lambda saved: f"{saved} saved.",
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def objective_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    strategy = get_object_or_404(Strategy, partnership=membership.partnership, pk=pk)
    return _objective_page(request, membership, strategy, None)


@partnership_view(rule=AUTHOR, methods=FORM)
def objective_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    objective = get_object_or_404(
        Objective.objects.select_related("strategy__partnership"),
        strategy__partnership=membership.partnership,
        pk=pk,
    )
    return _objective_page(request, membership, objective.strategy, objective)


# Themes and aims ------------------------------------------------------------------------------


def _simple_page(request, membership, *, form_class, parent, record, what, template, context):
    """A theme's or an aim's form: new under ``parent`` or editing ``record``."""
    parent_name = {ThemeForm: "plan", AimForm: "theme"}[form_class]
    model = form_class._meta.model

    def form_for(data, instance):
        return form_class(data, instance=instance, **{parent_name: parent})

    initial = {} if record else {"number": authoring.next_number(model, **{parent_name: parent})}
    form = form_class(
        request.POST or None, instance=record, initial=initial, **{parent_name: parent}
    )
    plan = open_plan(authoring.plan_of(parent))

    def save():
        return authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=plan.partnership_id,
            seen_version=form.seen_version,
            save_related=lambda saved: form.save_m2m(),
        )

    return form_page(
        request,
        membership,
        template=template,
        context={
            "plan": plan,
            "record": record,
            "parent": parent,
            "what": what,
            "outline_url": outline_url(plan),
            **context,
        },
        form=form,
        save=save,
        form_for=form_for,
        what=what,
        done=lambda saved: outline_url(plan, f"{what}-{saved.pk}"),
        message=lambda saved: f"The {what} “{saved}” is saved.",
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def theme_create(request: HttpRequest, membership: Membership, year: FinancialYear):
    plan = _plan_or_404(membership, year)
    return _simple_page(
        request,
        membership,
        form_class=ThemeForm,
        parent=plan,
        record=None,
        what="theme",
        template="actionplan/outline_item_form.html",
        context={},
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def theme_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    theme = in_partnership(Theme, membership, pk)
    return _simple_page(
        request,
        membership,
        form_class=ThemeForm,
        parent=theme.plan,
        record=theme,
        what="theme",
        template="actionplan/outline_item_form.html",
        context={"saved": str(theme)},
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def aim_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    theme = in_partnership(Theme, membership, pk)
    return _simple_page(
        request,
        membership,
        form_class=AimForm,
        parent=theme,
        record=None,
        what="aim",
        template="actionplan/outline_item_form.html",
        context={},
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def aim_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    aim = in_partnership(Aim, membership, pk)
    return _simple_page(
        request,
        membership,
        form_class=AimForm,
        parent=aim.theme,
        record=aim,
        what="aim",
        template="actionplan/outline_item_form.html",
        context={"saved": aim.ref},
    )


# Actions, with their leads and expected outcomes ---------------------------------------------


def _action_page(request, membership: Membership, aim: Aim, action: Action | None):
    plan = open_plan(authoring.plan_of(aim))
    partnership = membership.partnership
    data = request.POST or None

    def form_for(data, instance):
        return ActionForm(data, instance=instance, aim=aim)

    initial = {} if action else {"letter": authoring.next_letter(aim)}
    form = ActionForm(data, instance=action, aim=aim, initial=initial)
    instance = form.instance
    leads = Leads(data, instance=instance, prefix="leads", partnership=partnership)
    outcomes = Outcomes(data, instance=instance, prefix="outcomes")

    def save_related(saved: Action) -> None:
        form.save_m2m()
        leads.instance = outcomes.instance = saved
        leads.save()
        new = outcomes.save(commit=False)
        last = saved.outcomes.aggregate(n=Max("order"))["n"] or 0
        for outcome in outcomes.deleted_objects:
            outcome.delete()
        for outcome in new:
            if outcome.pk is None:
                last += 1
                outcome.order = last
            outcome.save()

    def save():
        return authoring.record_save(
            membership=membership,
            record=form.save(commit=False),
            partnership_id=plan.partnership_id,
            seen_version=form.seen_version,
            save_related=save_related,
        )

    return form_page(
        request,
        membership,
        template="actionplan/action_form.html",
        context={
            "plan": plan,
            "aim": aim,
            "action": action,
            "outline_url": outline_url(plan),
            "leads": leads,
            "outcomes": outcomes,
            "changes": action_changes(action)[:50] if action else [],
        },
        form=form,
        formsets=(leads, outcomes),
        save=save,
        form_for=form_for,
        what="action",
        done=lambda saved: outline_url(plan, f"action-{saved.pk}"),
        message=lambda saved: f"The action {saved.ref} is saved.",
    )


@partnership_view(rule=AUTHOR, methods=FORM)
def action_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    aim = in_partnership(Aim, membership, pk)
    return _action_page(request, membership, aim, None)


@partnership_view(rule=AUTHOR, methods=FORM)
def action_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    action = in_partnership(Action, membership, pk)
    return _action_page(request, membership, action.aim, action)

"""Writes for the year's cycle: a plan's status (draft -> approved by RAG -> closed) and rolling
a plan forward into next year's draft. Each checks its own rules, like ``actionplan.services``."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actionplan import rules
from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    ReportingQuarter,
    Theme,
)
from actionplan.selectors.cycle import RollSplit, roll_split
from sosafe.models import Membership

COORDINATOR_ONLY = "Only the community safety coordinator approves, closes and rolls plans forward."


def _as_of(instance, user, reason: str) -> None:
    instance._history_user = user
    instance._change_reason = reason[:100]


def _locked_plan(membership: Membership, plan: ActionPlan) -> ActionPlan:
    if plan.partnership_id != membership.partnership_id:
        raise PermissionDenied("This plan belongs to another partnership.")
    if not rules.can_manage_quarters(membership):
        raise PermissionDenied(COORDINATOR_ONLY)
    return ActionPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_approve(
    *, membership: Membership, plan: ActionPlan, approved_on: datetime.date
) -> ActionPlan:
    """Record that RAG approved the draft plan on a date: its quarters can then be opened."""
    plan = _locked_plan(membership, plan)
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(f"{plan} is already {plan.get_status_display().lower()}.")
    if approved_on > timezone.localdate():
        raise ValidationError(
            {"approved_on": "Enter the date of the RAG meeting: not a future date."}
        )
    if not Action.objects.live().filter(aim__theme__plan=plan).exists():
        raise ValidationError("Add the plan's actions before it is approved: it has none yet.")
    plan.status = ActionPlan.Status.APPROVED
    plan.approved_on = approved_on
    plan.version += 1  # locked above: an edit form opened before this is now stale
    _as_of(plan, membership.user, "Approved by RAG")
    plan.save()
    return plan


@transaction.atomic
def plan_close(*, membership: Membership, plan: ActionPlan) -> ActionPlan:
    """Close an approved plan once none of its quarters is open: it takes no more updates."""
    plan = _locked_plan(membership, plan)
    if plan.status != ActionPlan.Status.APPROVED:
        raise ValidationError(
            f"{plan} is {plan.get_status_display().lower()}: only an approved plan is closed."
        )
    open_window = plan.reporting_quarters.filter(state=ReportingQuarter.State.OPEN).first()
    if open_window:
        raise ValidationError(f"{open_window.period} is still open: close it first.")
    plan.status = ActionPlan.Status.CLOSED
    plan.version += 1
    _as_of(plan, membership.user, "Closed")
    plan.save()
    return plan


@dataclass(frozen=True)
class RollForward:
    new_plan: ActionPlan
    split: RollSplit  # as it stood before: carried and left behind


def _next_title(plan: ActionPlan) -> str:
    """The title with its year moved on: "Action plan 2017/18" -> "Action plan 2018/19"."""
    year, following = plan.year, plan.year.next()
    for old, new in [
        (str(year), str(following)),
        (year.slug, following.slug),
        (str(year.start_year), str(following.start_year)),
    ]:
        if old in plan.title:
            return plan.title.replace(old, new)
    return f"{plan.title} ({following})"


@transaction.atomic
def plan_roll_forward(*, plan: ActionPlan, by: Membership) -> RollForward:
    """Create next year's draft plan from this one. Actions not complete are carried with their
    outcomes, leads, partners and the themes' objective links, keeping their references;
    completed ones stay behind."""
    plan = _locked_plan(by, plan)
    if plan.status == ActionPlan.Status.DRAFT:
        raise ValidationError(f"{plan} is still a draft: roll a plan forward once RAG approved it.")
    next_year = plan.year.next()
    existing = ActionPlan.objects.filter(partnership=plan.partnership, year=next_year).first()
    if existing is not None:
        raise ValidationError(f"The {next_year} plan already exists: {existing}.")
    split = roll_split(plan)
    new_plan = ActionPlan(
        partnership=plan.partnership,
        year=next_year,
        title=_next_title(plan),
        strategy=plan.strategy,
        status=ActionPlan.Status.DRAFT,
        rolled_from=plan,
    )
    _as_of(new_plan, by.user, f"Rolled forward from {plan.year}")
    new_plan.save()
    themes: dict[int, Theme] = {}
    aims: dict[int, Aim] = {}
    for row in split.carried:
        old = row.action
        old_aim, old_theme = old.aim, old.aim.theme
        if old_theme.pk not in themes:
            theme = Theme.objects.create(
                plan=new_plan, number=old_theme.number, title=old_theme.title
            )
            theme.objectives.set(old_theme.objectives.all())
            themes[old_theme.pk] = theme
        if old_aim.pk not in aims:
            aims[old_aim.pk] = Aim.objects.create(
                theme=themes[old_theme.pk], number=old_aim.number, text=old_aim.text
            )
        action = Action(
            aim=aims[old_aim.pk],
            letter=old.letter,
            text=old.text,
            other_partners=old.other_partners,
            resources=old.resources,
            restricted=old.restricted,
            carried_from=old,
        )
        _as_of(action, by.user, f"Carried forward from {plan.year}")
        action.save()
        action.partners.set(old.partners.all())
        ActionLead.objects.bulk_create(
            ActionLead(
                action=action,
                organisation=lead.organisation,
                officer_role=lead.officer_role,
                officer=lead.officer,
            )
            for lead in old.leads.all()
        )
        for outcome in old.outcomes.all():
            copy = ExpectedOutcome(
                action=action,
                text=outcome.text,
                target=outcome.target,
                unit=outcome.unit,
                order=outcome.order,
            )
            _as_of(copy, by.user, f"Carried forward from {plan.year}")
            copy.save()
        row.carried_to = action
    return RollForward(new_plan, split)

"""Apply a planned import: one transaction creates the organisations decided "new", the plan
(or fills the empty draft), its themes, aims, actions, leads, partners and outcomes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from actionplan import rules
from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Theme,
)
from actionplan.plan_import.resolve import SHORT_NAME_MAX, PlanPreview, plan_target
from sosafe.models import Membership, Organisation, Partnership

COORDINATOR_ONLY = "Only the community safety coordinator imports action plans."
REASON = "Imported from a spreadsheet"


def _organisations(partnership: Partnership, preview: PlanPreview) -> dict[str, Organisation]:
    created = {}
    for unknown in preview.new_organisations:
        created[unknown.key] = Organisation.objects.create(
            partnership=partnership,
            name=unknown.name,
            short_name=unknown.name[:SHORT_NAME_MAX],
            kind=Organisation.Kind.OTHER,
        )
    return created


@transaction.atomic
def plan_import_apply(
    *, partnership: Partnership, preview: PlanPreview, by: Membership | None = None
) -> ActionPlan:
    """Create what ``preview`` shows, all of it or nothing. ``by`` is the coordinator (None
    from the command line, whose operator is trusted)."""
    allowed = by is None or (by.partnership_id == partnership.pk and rules.can_manage_quarters(by))
    if not allowed:
        raise PermissionDenied(COORDINATOR_ONLY)
    if not preview.ok:
        raise ValidationError("The plan cannot be imported until its problems are fixed.")
    user = by.user if by else None
    year = preview.year
    ActionPlan.objects.select_for_update().filter(partnership=partnership, year=year).first()
    plan, refusal = plan_target(partnership, year)
    if refusal:
        raise ValidationError(refusal)
    if plan is None:
        plan = ActionPlan(partnership=partnership, year=year, title=preview.title)
        plan._history_user = user
        plan._change_reason = REASON
        plan.save()
    created = _organisations(partnership, preview)

    def organisation(name):
        return name.organisation or created[name.unknown.key]

    themes = _with_history(
        Theme, [Theme(plan=plan, number=t.number, title=t.title) for t in preview.themes], user
    )
    aim_rows = [
        (theme, aim) for theme, row in zip(themes, preview.themes, strict=True) for aim in row.aims
    ]
    aims = _with_history(
        Aim, [Aim(theme=theme, number=aim.number, text=aim.text) for theme, aim in aim_rows], user
    )
    action_rows = [
        (aim, row)
        for aim, (_, aim_row) in zip(aims, aim_rows, strict=True)
        for row in aim_row.actions
    ]
    actions = Action.objects.bulk_create(
        Action(
            aim=aim,
            letter=row.letter,
            text=row.text,
            resources=row.resources,
            other_partners="\n".join(str(p) for p in row.partners if p.is_text),
        )
        for aim, row in action_rows
    )
    leads, partners, outcomes = [], [], []
    for action, (_, row) in zip(actions, action_rows, strict=True):
        seen = set()
        for lead in row.leads:
            org = organisation(lead.name)
            if (org.pk, lead.role) not in seen:
                seen.add((org.pk, lead.role))
                leads.append(ActionLead(action=action, organisation=org, officer_role=lead.role))
        orgs = {organisation(p).pk: None for p in row.partners if not p.is_text}
        partners.extend(
            Action.partners.through(action_id=action.pk, organisation_id=pk) for pk in orgs
        )
        outcomes.extend(
            ExpectedOutcome(
                action=action, text=outcome.text, target=outcome.target, unit=outcome.unit, order=n
            )
            for n, outcome in enumerate(row.outcomes)
        )
    _actions_history(actions, Action.partners.through.objects.bulk_create(partners), user)
    _with_history(ActionLead, leads, user)
    _with_history(ExpectedOutcome, outcomes, user)
    return plan


def _with_history(model, objects: list, user) -> list:
    return bulk_create_with_history(objects, model, default_user=user, default_change_reason=REASON)


def _actions_history(actions: list[Action], partners: list, user) -> None:
    """Each action's first historical record with its partners, as a save and
    ``partners.set()`` would have left it, in a few queries instead of thousands."""
    history = Action.history.bulk_history_create(
        actions, default_user=user, default_change_reason=REASON
    )
    by_action = {record.id: record for record in history}
    partners_history = Action.history.model.partners.model
    partners_history.objects.bulk_create(
        partners_history(
            history=by_action[row.action_id],
            id=row.pk,
            action_id=row.action_id,
            organisation_id=row.organisation_id,
        )
        for row in partners
    )

"""Writing the strategy and the year's action plan: the coordinator's own pages do every write
through here (keyword-only, in one transaction, checking the rules in ``actionplan.rules``).

Versioned records are saved with ``save_if_unchanged``: an edit that did not start from the
version now saved is refused (``StaleEdit``). An action's version moves on with every change to
the action, its leads, partners and expected outcomes, and with every change to its aim or
theme that changes how its row reads (number, text): pages cache an action's row by it.

Reordering swaps a theme, aim, action or outcome with its neighbour among those not archived,
exchanging their numbers (or letters) in one transaction. What has progress reported on it is
archived, never deleted.
"""

from collections.abc import Callable
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from actionplan import rules
from actionplan.models import Action, ActionPlan, Aim, ExpectedOutcome, Theme
from sosafe.concurrency import VersionedModel, check_unchanged, save_if_unchanged
from sosafe.models import Membership

Direction = Literal["up", "down"]


def _allowed(membership: Membership, partnership_id: int) -> None:
    if not rules.can_author_plans(membership):
        raise PermissionDenied(rules.AUTHOR_MESSAGE)
    if partnership_id != membership.partnership_id:
        raise PermissionDenied("This belongs to another partnership.")


def plan_of(record) -> ActionPlan:
    """The plan a theme, aim, action or expected outcome belongs to."""
    if isinstance(record, ExpectedOutcome):
        record = record.action
    if isinstance(record, Action):
        record = record.aim
    if isinstance(record, Aim):
        record = record.theme
    return record.plan if isinstance(record, Theme) else record


def _open_plan(plan: ActionPlan) -> None:
    """Refuse a change to a closed plan. Locks the plan's row as it now is: changes to one
    plan's outline are taken in turn (numbers and letters are unique per parent)."""
    if plan.pk is not None:
        plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    refusal = rules.plan_edit_refusal(plan)
    if refusal:
        raise ValidationError(refusal)


def _as_of(instance, user, reason: str) -> None:
    instance._history_user = user
    instance._change_reason = reason[:100]


def _touch_actions(**filters) -> None:
    """Move on the version of the actions whose row reads differently now."""
    Action.objects.filter(**filters).update(version=F("version") + 1)


@transaction.atomic
def record_save(
    *,
    membership: Membership,
    record: VersionedModel,
    partnership_id: int,
    seen_version: int | None = None,
    reason: str = "",
    save_related: Callable[[VersionedModel], None] | None = None,
) -> VersionedModel:
    """Save a strategy, objective, plan, theme, aim or action typed in a form (new, or changed
    from ``seen_version``), then ``save_related(record)``: its strategic aims, objective or
    partner links, leads and outcomes, which move on the record's version with it."""
    _allowed(membership, partnership_id)
    if isinstance(record, (ActionPlan, Theme, Aim, Action)) and not (
        isinstance(record, ActionPlan) and record.pk is None
    ):
        _open_plan(plan_of(record))
    is_new = record.pk is None
    _as_of(record, membership.user, reason or ("Added" if is_new else "Edited"))
    if is_new:
        record.save()
    else:
        save_if_unchanged(record, seen_version=seen_version)
    if save_related is not None:
        save_related(record)
    if not is_new and isinstance(record, Theme):
        _touch_actions(aim__theme=record)
    elif not is_new and isinstance(record, Aim):
        _touch_actions(aim=record)
    return record


def next_number(model, **parent) -> int:
    """The number after the highest of the parent's themes, aims or objectives (archived ones
    included: their numbers stay theirs)."""
    return (model.objects.filter(**parent).aggregate(n=Max("number"))["n"] or 0) + 1


def next_letter(aim: Aim) -> str:
    """The letter after the aim's last action's: a, b, … z, then aa, ab …"""
    letters = [letter for letter in aim.actions.values_list("letter", flat=True) if letter]
    if not letters:
        return "a"
    last = max(letters, key=lambda letter: (len(letter), letter))
    if last[-1] != "z":
        return last[:-1] + chr(ord(last[-1]) + 1)
    return "a" * (len(last) + 1)


# Reordering ----------------------------------------------------------------------------------

MOVES = {
    Theme: ("number", "plan"),
    Aim: ("number", "theme"),
    Action: ("letter", "aim"),
}
PARKED = {"number": 0, "letter": "~"}  # a value no live sibling holds, for the swap


def _siblings(record):
    field, parent = MOVES[type(record)]
    return (
        type(record)
        .objects.live()
        .select_for_update()
        .filter(**{parent: getattr(record, f"{parent}_id")})
    )


@transaction.atomic
def record_move(*, membership: Membership, record, direction: Direction) -> bool:
    """Swap a theme, aim or action with its neighbour above or below (not archived ones):
    they exchange numbers or letters. False when it is already first or last."""
    plan = plan_of(record)
    _allowed(membership, plan.partnership_id)
    _open_plan(plan)
    field, _ = MOVES[type(record)]
    siblings = list(_siblings(record))
    siblings.sort(key=lambda r: (len(r.letter), r.letter) if field == "letter" else r.number)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == record.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    this, other = siblings[index], siblings[other_index]
    mine, theirs = getattr(this, field), getattr(other, field)
    reason = f"Moved {direction}"
    # Unique per parent: park one, move the other into its place, then the first into the other's.
    setattr(this, field, PARKED[field])
    this.save(update_fields=[field])
    for moved, value in ((other, mine), (this, theirs)):
        setattr(moved, field, value)
        moved.version += 1
        _as_of(moved, membership.user, reason)
        moved.save()
    if isinstance(this, Theme):
        _touch_actions(aim__theme__in=[this, other])
    elif isinstance(this, Aim):
        _touch_actions(aim__in=[this, other])
    return True


@transaction.atomic
def outcome_move(*, membership: Membership, outcome: ExpectedOutcome, direction: Direction) -> bool:
    """Move an expected outcome up or down its action's list; the action's version moves on."""
    action = Action.objects.select_for_update().get(pk=outcome.action_id)
    plan = plan_of(action)
    _allowed(membership, plan.partnership_id)
    _open_plan(plan)
    outcomes = list(action.outcomes.order_by("order", "pk"))
    index = next(i for i, o in enumerate(outcomes) if o.pk == outcome.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(outcomes):
        return False
    outcomes[index], outcomes[other_index] = outcomes[other_index], outcomes[index]
    for order, item in enumerate(outcomes, start=1):
        if item.order != order:
            item.order = order
            _as_of(item, membership.user, f"Moved {direction}")
            item.save(update_fields=["order"])
    action.version += 1
    _as_of(action, membership.user, "Expected outcomes reordered")
    action.save(update_fields=["version"])
    return True


# Delete, or archive what has progress --------------------------------------------------------


@transaction.atomic
def record_remove(
    *, membership: Membership, record, seen_version: int | None
) -> Literal["deleted", "archived"]:
    """Delete a theme, aim or action with no progress reported on it (with what it holds);
    archive one that has: it drops out of the plan, its reported history stays."""
    plan = plan_of(record)
    _allowed(membership, plan.partnership_id)
    _open_plan(plan)
    current = type(record).objects.select_for_update().get(pk=record.pk)
    check_unchanged(current, seen_version=seen_version)
    if not rules.has_progress(current):
        _as_of(current, membership.user, "Deleted")
        current.delete()
        return "deleted"
    now = timezone.now()
    held = []  # what it holds is archived with it, so each action's own date says
    if isinstance(current, Theme):
        held = [*Aim.objects.live().filter(theme=current)]
        held += Action.objects.live().filter(aim__theme=current)
    elif isinstance(current, Aim):
        held = list(Action.objects.live().filter(aim=current))
    for record in [*held, current]:
        record.archived_at, record.version = now, record.version + 1
        _as_of(record, membership.user, "Archived")
        record.save()
    return "archived"


@transaction.atomic
def action_restore(*, membership: Membership, action: Action) -> Action:
    """Bring an archived action back into the plan (its aim and theme too, if archived)."""
    plan = plan_of(action)
    _allowed(membership, plan.partnership_id)
    _open_plan(plan)
    action = Action.objects.select_for_update().get(pk=action.pk)
    for record in (action.aim.theme, action.aim, action):
        if record.archived_at is not None:
            record.archived_at, record.version = None, record.version + 1
            _as_of(record, membership.user, "Restored")
            record.save()
    return action

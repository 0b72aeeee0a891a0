"""Writes for the quarterly progress workflow: the quarter's window, updates and their review,
and reminders. Views, the admin and management commands call these; each checks the rules in
``actionplan.rules`` itself, so no caller can skip them.

Failures: ``PermissionDenied`` when the rules say no, ``ValidationError`` (keyed by field where
there is one) when the input or the moment is wrong, ``StaleEdit`` when someone else saved the
update since the person loaded it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actionplan import rules, selectors
from actionplan.locks import locked_window as _locked_window
from actionplan.locks import window_held_open as _window_held_open
from actionplan.models import (
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    Action,
    ActionPlan,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
    ReportingQuarter,
)
from sosafe.bounds import decimal_max, decimal_too_large, too_large_message
from sosafe.concurrency import check_unchanged, save_if_unchanged
from sosafe.models import Membership
from sosafe.periods import QUARTER_NUMBERS

State = ProgressUpdate.State
NEGATIVE_FIGURE = "Enter the figure achieved so far as 0 or more, for example 3."
FIGURE_TOO_LARGE = too_large_message(
    "The figure achieved so far", decimal_max(FIGURE_MAX_DIGITS, FIGURE_DECIMAL_PLACES)
)


def figure_field(outcome_pk: int) -> str:
    """The form field (and error key) for an outcome's figure achieved so far."""
    return f"outcome_{outcome_pk}_figure"


def achieved_field(outcome_pk: int) -> str:
    """The form field (and error key) for an outcome's "achieved" tick."""
    return f"outcome_{outcome_pk}_achieved"


def _as_of(instance, user, reason: str = "") -> None:
    """Who made this change, and why, for its history record."""
    instance._history_user = user
    instance._change_reason = reason[:100] or None


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


# The quarter's window ------------------------------------------------------------------------


def _require_coordinator(membership: Membership, plan: ActionPlan) -> None:
    if plan.partnership_id != membership.partnership_id:
        raise PermissionDenied("This plan belongs to another partnership.")
    if not rules.can_manage_quarters(membership):
        raise PermissionDenied("Only the community safety coordinator opens and closes quarters.")


def _ensure_none_other_open(plan: ActionPlan, quarter: int) -> None:
    other = plan.reporting_quarters.filter(state=ReportingQuarter.State.OPEN).first()
    if other and other.quarter != quarter:
        raise ValidationError(
            f"{other.period} is still open for updates. Close it first: only one quarter of a "
            "plan is open at a time."
        )


@transaction.atomic
def quarter_open(
    *,
    membership: Membership,
    plan: ActionPlan,
    quarter: int,
    deadline: datetime.date,
    opens_on: datetime.date | None = None,
) -> ReportingQuarter:
    """Open a quarter of an approved plan for updates, with a deadline."""
    _require_coordinator(membership, plan)
    # Lock the plan so two coordinators opening quarters at once are taken one after the other.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.APPROVED:
        raise ValidationError(
            f"{plan} is {plan.get_status_display().lower()}: only a plan approved by RAG can "
            "open a quarter for updates."
        )
    if quarter not in QUARTER_NUMBERS:
        raise ValidationError({"quarter": "Choose a quarter from Q1 to Q4."})
    period = plan.year.quarter(quarter)
    existing = plan.reporting_quarters.filter(quarter=quarter).first()
    if existing and existing.is_open:
        raise ValidationError({"quarter": f"{period} is already open for updates."})
    if existing:
        raise ValidationError(
            {"quarter": f"{period} has been closed. Re-open it instead, giving a reason."}
        )
    _ensure_none_other_open(plan, quarter)
    opens_on = opens_on or timezone.localdate()
    if deadline < opens_on:
        raise ValidationError(
            {"deadline": f"The deadline must be on or after the day it opens, {_day(opens_on)}."}
        )
    window = ReportingQuarter(
        plan=plan,
        quarter=quarter,
        state=ReportingQuarter.State.OPEN,
        opens_on=opens_on,
        deadline=deadline,
        opened_by=membership.user,
    )
    _as_of(window, membership.user, "Opened for updates")
    try:
        with transaction.atomic():
            window.save()
    except IntegrityError as exc:  # the database's own guard: one open quarter per plan
        raise ValidationError(
            "Another quarter of this plan was opened at the same moment; reload the page."
        ) from exc
    return window


@transaction.atomic
def quarter_close(*, membership: Membership, window: ReportingQuarter) -> ReportingQuarter:
    """Close the quarter: its updates are frozen from now on."""
    _require_coordinator(membership, window.plan)
    window = _locked_window(window)
    if not window.is_open:
        raise ValidationError(f"{window.period} is already closed.")
    window.state = ReportingQuarter.State.CLOSED
    window.closed_at = timezone.now()
    window.closed_by = membership.user
    _as_of(window, membership.user, "Closed")
    window.save()
    return window


@transaction.atomic
def quarter_reopen(
    *,
    membership: Membership,
    window: ReportingQuarter,
    reason: str,
    deadline: datetime.date,
) -> ReportingQuarter:
    """Re-open a closed quarter, recording who did it and why, with a new deadline."""
    _require_coordinator(membership, window.plan)
    window = _locked_window(window)
    if window.is_open:
        raise ValidationError(f"{window.period} is already open.")
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Say why the quarter is being re-opened: it is kept in its history."
    if deadline < timezone.localdate():
        errors["deadline"] = "The new deadline must be today or later."
    if errors:
        raise ValidationError(errors)
    if window.plan.status != ActionPlan.Status.APPROVED:
        raise ValidationError(
            f"{window.plan} is {window.plan.get_status_display().lower()}: its quarters stay "
            "closed."
        )
    ActionPlan.objects.select_for_update().get(pk=window.plan_id)
    _ensure_none_other_open(window.plan, window.quarter)
    window.state = ReportingQuarter.State.OPEN
    window.deadline = deadline
    window.reopened_at = timezone.now()
    window.reopened_by = membership.user
    window.reopen_reason = reason
    _as_of(window, membership.user, "Re-opened")
    try:
        with transaction.atomic():
            window.save()
    except IntegrityError as exc:
        raise ValidationError(
            "Another quarter of this plan was opened at the same moment; reload the page."
        ) from exc
    return window


# Progress updates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFigures:
    achieved_figure: Decimal | None = None
    achieved: bool = False


@dataclass(frozen=True)
class UpdateContent:
    """What the person wrote: status, narrative and, per expected outcome (by pk), figures."""

    status: str
    narrative: str
    outcomes: dict[int, OutcomeFigures] = field(default_factory=dict)


def content_problems(
    content: UpdateContent, outcomes: list[ExpectedOutcome], *, submitting: bool
) -> dict[str, list[str]]:
    """What is wrong with the content, keyed by form field; empty when all is well."""
    problems: dict[str, list[str]] = {}
    if submitting and not content.narrative.strip():
        problems["narrative"] = [
            "Write what happened this quarter and what comes next before you submit. "
            "(You can save a draft without it.)"
        ]
    for outcome in outcomes:
        figures = content.outcomes.get(outcome.pk)
        figure = figures.achieved_figure if figures else None
        if figure is not None and figure < 0:
            problems[figure_field(outcome.pk)] = [NEGATIVE_FIGURE]
        elif figure is not None and decimal_too_large(
            figure, FIGURE_MAX_DIGITS, FIGURE_DECIMAL_PLACES
        ):
            problems[figure_field(outcome.pk)] = [FIGURE_TOO_LARGE]
    return problems


def _locked_update(
    action: Action, quarter: int, as_read: ProgressUpdate | None
) -> ProgressUpdate | None:
    """The action's update for the quarter with its row locked, or None while it is unwritten
    (the action's row is locked then, so two first saves of the update are taken in turn).

    ``as_read``: the update as the caller read it, with its ``outcome_progress``. Every save
    moves the version on, so while the locked row is still at that version, it is current and
    is not read again.
    """
    # Without ordering: the models' ordering would join (and lock) the aim and theme too.
    versions = (
        ProgressUpdate.objects.select_for_update()
        .filter(action=action, quarter=quarter)
        .order_by()
        .values_list("version", flat=True)
    )
    version = next(iter(versions), None)
    if version is None:
        list(Action.objects.select_for_update().filter(pk=action.pk).order_by().values("pk"))
        version = next(iter(versions.all()), None)
        if version is None:
            return None
    if as_read is not None and as_read.version == version:
        return as_read
    return (
        ProgressUpdate.objects.prefetch_related(
            Prefetch("outcome_progress", queryset=OutcomeProgress.objects.order_by())
        )
        .order_by()
        .get(action=action, quarter=quarter)
    )


def _save_update(
    *,
    membership: Membership,
    action: Action,
    window: ReportingQuarter | None,
    content: UpdateContent,
    seen_version: int | None,
    submit: bool,
    as_read: ProgressUpdate | None,
) -> ProgressUpdate:
    user = membership.user
    if window is None:
        raise PermissionDenied(rules.window_refusal(None))
    window = _window_held_open(window)
    refusal = rules.update_write_refusal(membership, action, window)
    if refusal:
        raise PermissionDenied(refusal)
    update = _locked_update(action, window.quarter, as_read)
    if update is not None:
        check_unchanged(update, seen_version=seen_version)
    refusal = rules.update_edit_refusal(membership, action, window, update)
    if refusal:
        raise PermissionDenied(refusal)
    outcomes = list(action.outcomes.all())
    problems = content_problems(content, outcomes, submitting=submit)
    if problems:
        raise ValidationError(problems)

    is_new = update is None
    if is_new:
        update = ProgressUpdate(action=action, quarter=window.quarter)
    update.status = content.status
    update.narrative = content.narrative.strip()
    update.author = user
    if submit:
        update.state = State.SUBMITTED
        update.submitted_at = timezone.now()
        update.submitted_by = user
        update.return_reason = ""
        reason = "Submitted"
    else:
        # A returned update stays returned (its reason in view) until it is submitted again;
        # saving a submitted one as a draft withdraws it until then.
        if update.state != State.RETURNED:
            update.state = State.DRAFT
        reason = "Saved as a draft"
    _as_of(update, user, reason)
    if is_new:
        update.save()
    else:
        # Locked above in this transaction, and its version checked there.
        save_if_unchanged(update, seen_version=seen_version, already_locked=True)
    _save_outcome_figures(update, outcomes, content, user, is_new=is_new)
    return update


def _save_outcome_figures(
    update: ProgressUpdate,
    outcomes: list[ExpectedOutcome],
    content: UpdateContent,
    user,
    *,
    is_new: bool,
) -> None:
    existing = {} if is_new else {row.outcome_id: row for row in update.outcome_progress.all()}
    for outcome in outcomes:
        figures = content.outcomes.get(outcome.pk, OutcomeFigures())
        figure = figures.achieved_figure if outcome.is_numeric else None
        row = existing.get(outcome.pk)
        if row is None:
            if figure is None and not figures.achieved:
                continue
            row = OutcomeProgress(update=update, outcome=outcome)
        elif row.achieved_figure == figure and row.achieved == figures.achieved:
            continue
        row.achieved_figure = figure
        row.achieved = figures.achieved
        _as_of(row, user)
        row.save()


@transaction.atomic
def update_save_draft(
    *,
    membership: Membership,
    action: Action,
    window: ReportingQuarter,
    content: UpdateContent,
    seen_version: int | None,
    as_read: ProgressUpdate | None = None,
) -> ProgressUpdate:
    """Save what has been written so far without submitting it. A draft may lack its
    narrative; its figures must still be valid. ``as_read``: the quarter's update as the caller
    read it, with its ``outcome_progress`` (None: not read); it is not read again unless it
    changed since."""
    return _save_update(
        membership=membership,
        action=action,
        window=window,
        content=content,
        seen_version=seen_version,
        submit=False,
        as_read=as_read,
    )


@transaction.atomic
def update_submit(
    *,
    membership: Membership,
    action: Action,
    window: ReportingQuarter,
    content: UpdateContent,
    seen_version: int | None,
    as_read: ProgressUpdate | None = None,
) -> ProgressUpdate:
    """Save and submit the quarter's update to the coordinator for review. ``as_read`` as for
    ``update_save_draft``."""
    return _save_update(
        membership=membership,
        action=action,
        window=window,
        content=content,
        seen_version=seen_version,
        submit=True,
        as_read=as_read,
    )


def _locked_update_and_window(
    update: ProgressUpdate, seen_version: int
) -> tuple[ProgressUpdate, ReportingQuarter | None]:
    """The update and its quarter's window, locked in the order a save takes them (the window,
    then the update), so that a review and a save of the same update never wait on each other."""
    plan_id, quarter = (
        ProgressUpdate.objects.filter(pk=update.pk)
        .values_list("action__aim__theme__plan_id", "quarter")
        .get()
    )
    window = (
        ReportingQuarter.objects.filter(plan_id=plan_id, quarter=quarter)
        .select_related("plan")
        .order_by()
        .first()
    )
    if window is not None:
        window = _window_held_open(window)
    current = (
        ProgressUpdate.objects.select_for_update(of=("self",))
        .select_related("action__aim__theme__plan")
        .get(pk=update.pk)
    )
    check_unchanged(current, seen_version=seen_version)
    return current, window


def _require_partnership(membership: Membership, update: ProgressUpdate) -> None:
    if update.action.aim.theme.plan.partnership_id != membership.partnership_id:
        raise PermissionDenied("This update belongs to another partnership.")


@transaction.atomic
def update_return(
    *, membership: Membership, update: ProgressUpdate, reason: str, seen_version: int
) -> ProgressUpdate:
    """Send an update back to its author with what to change. The reason stays in its
    history; the author sees it on their next visit."""
    update, window = _locked_update_and_window(update, seen_version)
    _require_partnership(membership, update)
    if not rules.can_return_update(membership, update, window):
        raise PermissionDenied(
            rules.review_refusal(membership, update, window) or "This update cannot be returned."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say what the author should change or add."})
    update.state = State.RETURNED
    update.return_reason = reason
    update.reviewed_at = timezone.now()
    update.reviewed_by = membership.user
    _as_of(update, membership.user, "Returned to its author")
    save_if_unchanged(update, seen_version=seen_version)
    return update


@transaction.atomic
def update_accept(
    *, membership: Membership, update: ProgressUpdate, seen_version: int
) -> ProgressUpdate:
    """Accept a submitted update: it becomes the quarter's reported progress."""
    update, window = _locked_update_and_window(update, seen_version)
    _require_partnership(membership, update)
    if not rules.can_accept_update(membership, update, window):
        raise PermissionDenied(
            rules.review_refusal(membership, update, window)
            or "Only a submitted update can be accepted."
        )
    update.state = State.ACCEPTED
    update.return_reason = ""
    update.reviewed_at = timezone.now()
    update.reviewed_by = membership.user
    _as_of(update, membership.user, "Accepted")
    save_if_unchanged(update, seen_version=seen_version)
    return update


# Reminders -----------------------------------------------------------------------------------


def default_base_url() -> str:
    return getattr(settings, "PORTAL_BASE_URL", "") or "http://127.0.0.1:8000"


def reminders_send(
    *,
    window: ReportingQuarter,
    base_url: str,
    sent_by=None,
    membership: Membership | None = None,
) -> tuple[list[selectors.Reminder], list]:
    """Email each lead officer who owes updates in this open quarter one reminder listing
    those actions with links. ``membership`` (the coordinator) when sent from the portal;
    the management command sends as the system. Returns (reminders sent, unreachable rows)."""
    if membership is not None:
        _require_coordinator(membership, window.plan)
        sent_by = membership.user
    if not window.is_open:
        raise ValidationError(f"{window.period} is closed: there is nothing to chase.")
    rows = selectors.chase_rows(window)
    reminders, unreachable = selectors.plan_reminders(rows)
    base_url = base_url.rstrip("/")
    slug = window.plan.partnership.slug
    my_actions_url = base_url + reverse("actionplan:action-mine", args=[slug])
    messages = []
    for reminder in reminders:
        context = {
            "recipient": reminder.recipient,
            "window": window,
            "partnership": window.plan.partnership,
            "rows": [
                (
                    row,
                    base_url
                    + reverse("actionplan:update-edit", args=[slug, row.action.pk, window.quarter]),
                )
                for row in reminder.rows
            ],
            "my_actions_url": my_actions_url,
        }
        subject = render_to_string("emails/actionplan/update_reminder_subject.txt", context)
        body = render_to_string("emails/actionplan/update_reminder.txt", context)
        messages.append(
            EmailMessage(
                subject=" ".join(subject.split()),
                body=body,
                to=[reminder.recipient.email],
            )
        )
    if messages:
        try:
            get_connection().send_messages(messages)
        except OSError as exc:  # smtplib's errors and refused connections
            raise ValidationError(
                f"The email server did not take the reminders ({exc}). Nothing is recorded as "
                "sent: try again later, or ask for the portal's email settings to be checked."
            ) from exc
    with transaction.atomic():
        window = _locked_window(window)
        window.reminders_sent_at = timezone.now()
        window.reminders_sent_by = sent_by
        _as_of(window, sent_by, f"Reminders sent to {len(messages)} lead officers")
        window.save()
    return reminders, unreachable

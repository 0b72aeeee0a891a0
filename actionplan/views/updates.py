"""My actions, the progress update form and the coordinator's review of an update."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from actionplan import rules, selectors, services
from actionplan.forms import ProgressUpdateForm, ReturnForm
from actionplan.models import (
    Action,
    ActionLead,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
)
from actionplan.selectors import cycle as cycle_selectors
from actionplan.views.plans import SCRUTINY_MESSAGE
from sosafe.access import FORM, SAFE, Rule, partnership_view, require
from sosafe.concurrency import StaleEdit, conflict_of, stale_edit_response
from sosafe.links import ROW, row_link
from sosafe.models import Membership

WRITERS_MESSAGE = (
    "Lead officers and the coordinator write progress updates; your role reads them on the "
    "action plan."
)


@partnership_view(rule=Rule(rules.may_write_updates, WRITERS_MESSAGE), methods=SAFE)
def action_mine(request: HttpRequest, membership: Membership) -> HttpResponse:
    quarters = selectors.my_actions(membership)
    slug = membership.partnership.slug
    action_link = row_link("actionplan:action-detail", slug, ROW)
    for quarter in quarters:
        edit_link = row_link("actionplan:update-edit", slug, ROW, quarter.window.quarter)
        for row in quarter.rows:
            row.action_url = action_link(row.action.pk)
            row.edit_url = edit_link(row.action.pk)
    context = {
        "quarters": quarters,
        "can_manage_quarters": rules.can_manage_quarters(membership),
    }
    if not quarters:
        context["latest"] = cycle_selectors.my_latest_actions(membership)
        for entry in context["latest"]:
            for row in (row for _, rows in entry.themes for row in rows):
                row.action_url = action_link(row.action.pk)
        context["next_step"] = cycle_selectors.next_step(membership.partnership)
    return render(request, "actionplan/action_mine.html", context)


def _action_or_404(membership: Membership, pk: int, *, lead_names: bool = False) -> Action:
    """The action with its plan and expected outcomes, knowing whether this member leads it;
    ``lead_names``: with its leads and their organisations, to name them."""
    actions = rules.with_leading(
        Action.objects.filter(aim__theme__plan__partnership=membership.partnership), membership
    ).prefetch_related(
        Prefetch("outcomes", queryset=ExpectedOutcome.objects.order_by("order", "pk"))
    )
    if lead_names:
        # Within the action: the models' ordering joins.
        leads = ActionLead.objects.order_by("pk").select_related("organisation")
        actions = actions.prefetch_related(Prefetch("leads", queryset=leads))
    action = get_object_or_404(actions.select_related("aim__theme__plan__partnership"), pk=pk)
    if not rules.can_view_action(membership, action):
        # Restricted work is not disclosed to those who may not see it.
        raise Http404("No such action.")
    return action


# The people each page names: the form its author and who returned it; the review also who
# submitted it.
FORM_PEOPLE = ("author", "reviewed_by")
REVIEW_PEOPLE = (*FORM_PEOPLE, "submitted_by")


def _updates_of(
    action: Action, quarters: list[int], people: tuple[str, ...]
) -> dict[int, ProgressUpdate]:
    """The action's updates for these quarters, with their outcome figures and the ``people``
    the page names, by quarter: one query for the updates and one for all their figures,
    whatever the number of quarters."""
    wanted = [quarter for quarter in quarters if quarter >= 1]
    if not wanted:
        return {}
    updates = (
        ProgressUpdate.objects.filter(action=action, quarter__in=wanted)
        .order_by("pk")  # the model's ordering would join through the action's aim
        .select_related(*people)
        .prefetch_related(
            Prefetch(
                "outcome_progress",
                queryset=OutcomeProgress.objects.select_related("outcome").order_by(
                    "outcome__order", "outcome__pk"
                ),
            )
        )
    )
    found: dict[int, ProgressUpdate] = {}
    for update in updates:
        found.setdefault(update.quarter, update)
    return found


def _update(action: Action, quarter: int, people: tuple[str, ...]) -> ProgressUpdate | None:
    return _updates_of(action, [quarter], people).get(quarter)


def _update_and_previous(
    action: Action, quarter: int, people: tuple[str, ...]
) -> tuple[ProgressUpdate | None, ProgressUpdate | None]:
    """This quarter's update and last quarter's, read together."""
    found = _updates_of(action, [quarter, quarter - 1], people)
    return found.get(quarter), found.get(quarter - 1)


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _after_save_url(membership: Membership, action: Action) -> str:
    slug = membership.partnership.slug
    if rules.leads_action(membership, action):
        return reverse("actionplan:action-mine", args=[slug])
    return reverse("actionplan:action-detail", args=[slug, action.pk])


@partnership_view(rule=Rule(rules.can_read_plans, SCRUTINY_MESSAGE), methods=FORM)
def update_edit(request: HttpRequest, membership: Membership, pk: int, quarter: int):
    action = _action_or_404(membership, pk)
    plan = action.aim.theme.plan
    period = plan.year.quarter(quarter)
    window = selectors.window_for(plan, quarter)
    update, previous = _update_and_previous(action, quarter, FORM_PEOPLE)
    outcomes = list(action.outcomes.all())
    refusal = rules.update_edit_refusal(membership, action, window, update, period=str(period))
    next_url = _next_url(request, _after_save_url(membership, action))
    context = {
        "plan": plan,
        "action": action,
        "period": period,
        "window": window,
        "update": update,
        "previous": previous,
        "next_url": next_url,
        "can_save": True,
    }

    def page(form, status=200, **extra):
        return render(
            request,
            "actionplan/progressupdate_form.html",
            {**context, "form": form, **extra},
            status=status,
        )

    instance = update or ProgressUpdate(action=action, quarter=quarter)
    if request.method == "GET":
        if refusal:
            raise PermissionDenied(refusal)
        return page(ProgressUpdateForm(instance=instance, outcomes=outcomes, previous=previous))

    submitting = request.POST.get("intent") == "submit"
    form = ProgressUpdateForm(
        request.POST,
        instance=copy.copy(instance),
        outcomes=outcomes,
        previous=previous,
        submitting=submitting,
    )
    if refusal:
        may_ever_write = rules.may_write_updates(membership) and (
            membership.can_manage or rules.leads_action(membership, action)
        )
        if not may_ever_write:
            raise PermissionDenied(refusal)
        # They may have been writing when the quarter closed: refuse, but show what they typed.
        form.is_valid()
        return page(form, status=403, refusal=refusal, can_save=False)
    if not form.is_valid():
        return page(form)
    save = services.update_submit if submitting else services.update_save_draft
    try:
        save(
            membership=membership,
            action=action,
            window=window,
            content=form.content(),
            seen_version=form.seen_version,
            as_read=update,
        )
    except StaleEdit:
        current = _update(action, quarter, FORM_PEOPLE)
        return stale_edit_response(
            request,
            "actionplan/progressupdate_form.html",
            {
                **context,
                "update": current,
                "can_save": rules.can_edit_update(membership, action, window, current),
            },
            current=current,
            form_for=lambda data, current: ProgressUpdateForm(
                data,
                instance=current,
                outcomes=outcomes,
                previous=previous,
                submitting=submitting,
            ),
            what="update",
        )
    except ValidationError as error:
        form.add_error(None, error)
        return page(form)
    except PermissionDenied as denied:
        return page(form, status=403, refusal=str(denied), can_save=False)
    if submitting:
        messages.success(
            request,
            f"Your {period} update for action {action.ref} was submitted to the coordinator.",
        )
        return redirect(next_url)
    messages.success(
        request,
        f"Draft of the {period} update for action {action.ref} saved. It is not submitted yet.",
    )
    edit_url = reverse("actionplan:update-edit", args=[membership.partnership.slug, pk, quarter])
    return redirect(f"{edit_url}?{urlencode({'next': next_url})}")


@partnership_view(rule=Rule(rules.can_read_plans, SCRUTINY_MESSAGE), methods=FORM)
def update_review(request: HttpRequest, membership: Membership, pk: int, quarter: int):
    require(
        rules.can_manage_quarters(membership),
        "Only the community safety coordinator reviews progress updates.",
    )
    action = _action_or_404(membership, pk, lead_names=True)
    plan = action.aim.theme.plan
    period = plan.year.quarter(quarter)
    window = selectors.window_for(plan, quarter)
    update, previous = _update_and_previous(action, quarter, REVIEW_PEOPLE)
    default_next = (
        reverse(
            "actionplan:quarter-detail", args=[membership.partnership.slug, plan.year.slug, quarter]
        )
        if window
        else reverse("actionplan:action-detail", args=[membership.partnership.slug, action.pk])
    )
    next_url = _next_url(request, default_next)
    return_form = ReturnForm(request.POST if request.POST.get("intent") == "return" else None)
    status = 200
    conflict = None
    if request.method == "POST":
        intent = request.POST.get("intent")
        if intent not in ("accept", "return"):
            return HttpResponseBadRequest("Choose to accept or to return the update.")
        refusal = rules.review_refusal(membership, update, window)
        if refusal:
            raise PermissionDenied(refusal)
        try:
            seen_version = int(request.POST.get("version", ""))
        except ValueError:
            return HttpResponseBadRequest("The form is missing the update's version.")
        try:
            if intent == "accept":
                services.update_accept(
                    membership=membership, update=update, seen_version=seen_version
                )
                messages.success(request, f"Accepted the {period} update for action {action.ref}.")
                return redirect(next_url)
            if return_form.is_valid():
                services.update_return(
                    membership=membership,
                    update=update,
                    reason=return_form.cleaned_data["reason"],
                    seen_version=seen_version,
                )
                messages.success(
                    request,
                    f"Returned the {period} update for action {action.ref} to its author.",
                )
                return redirect(next_url)
        except StaleEdit:
            update = _update(action, quarter, REVIEW_PEOPLE)
            conflict = conflict_of(
                update,
                what="update",
                heading="The update changed while you were reading it",
                kept_form=False,
                refused="Nothing was accepted or returned. Read it again below before you decide.",
            )
            status = 409
        except ValidationError as error:
            return_form.add_error(None, error)
    context = {
        "plan": plan,
        "action": action,
        "period": period,
        "window": window,
        "update": update,
        "previous": previous,
        "return_form": return_form,
        "conflict": conflict,
        "next_url": next_url,
        "refusal": rules.review_refusal(membership, update, window),
        "can_accept": rules.can_accept_update(membership, update, window),
        "can_return": rules.can_return_update(membership, update, window),
        "can_edit": rules.can_edit_update(membership, action, window, update),
        "outcome_rows": _outcome_rows(action, update),
    }
    return render(request, "actionplan/progressupdate_review.html", context, status=status)


def _outcome_rows(action: Action, update: ProgressUpdate | None) -> list:
    figures = {row.outcome_id: row for row in update.outcome_progress.all()} if update else {}
    return [(outcome, figures.get(outcome.pk)) for outcome in action.outcomes.all()]

"""The coordinator's quarter: open it for updates, chase what is missing, close it."""

from collections import Counter
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from actionplan import rules, selectors, services
from actionplan.forms import QuarterOpenForm, QuarterReopenForm
from actionplan.models import ActionPlan, ReportingQuarter
from actionplan.selectors import cycle as cycle_selectors
from actionplan.views.plans import _plan_or_404
from sosafe.access import FORM, POST_ONLY, SAFE, Rule, partnership_view
from sosafe.history import person_name
from sosafe.links import ROW, row_link
from sosafe.models import Membership
from sosafe.periods import QUARTER_NUMBERS, FinancialYear

COORDINATOR_MESSAGE = (
    "Only the community safety coordinator opens and closes quarters and chases updates."
)
MANAGE_QUARTERS = Rule(rules.can_manage_quarters, COORDINATOR_MESSAGE)


def _window_or_404(plan: ActionPlan, quarter: int) -> ReportingQuarter:
    window = selectors.window_for(plan, quarter)
    if window is None:
        raise Http404("That quarter has not been opened for updates.")
    return window


def _day(value) -> str:
    return date_format(value, "j F Y")


def _render_quarters(
    request: HttpRequest,
    plan: ActionPlan,
    open_form: QuarterOpenForm | None = None,
    reopen_form: QuarterReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    windows = selectors.windows(plan)
    unopened = [number for number in QUARTER_NUMBERS if number not in windows]
    rows = []
    for quarter in plan.year.quarters():
        window = windows.get(quarter.number)
        form = None
        if window and not window.is_open:
            if reopen_form is not None and reopen_form.prefix == f"reopen-q{quarter.number}":
                form = reopen_form
            else:
                form = QuarterReopenForm(prefix_quarter=quarter.number)
        rows.append({"quarter": quarter, "window": window, "reopen_form": form})
    context = {
        "plan": plan,
        "rows": rows,
        "open_window": next((w for w in windows.values() if w.is_open), None),
        "can_open": plan.status == ActionPlan.Status.APPROVED and bool(unopened),
        "open_form": open_form or QuarterOpenForm(plan=plan, unopened=unopened),
        "record": selectors.window_record(plan),
    }
    return render(request, "actionplan/reportingquarter_list.html", context, status=status)


@partnership_view(rule=MANAGE_QUARTERS, methods=SAFE)
def quarter_list(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    return _render_quarters(request, plan)


@partnership_view(rule=MANAGE_QUARTERS, methods=POST_ONLY)
def quarter_open(request: HttpRequest, membership: Membership, year: FinancialYear) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    unopened = [n for n in QUARTER_NUMBERS if n not in selectors.windows(plan)]
    form = QuarterOpenForm(request.POST, plan=plan, unopened=unopened)
    if form.is_valid():
        try:
            window = services.quarter_open(
                membership=membership,
                plan=plan,
                quarter=form.cleaned_data["quarter"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{window.period} is open for updates until {_day(window.deadline)}.",
            )
            return redirect(window.get_absolute_url())
    return _render_quarters(request, plan, open_form=form)


@partnership_view(rule=MANAGE_QUARTERS, methods=FORM)
def quarter_close(
    request: HttpRequest, membership: Membership, year: FinancialYear, quarter: int
) -> HttpResponse:
    """Ask first, showing what closing freezes as it stands; close on confirmation."""
    plan = _plan_or_404(membership, year)
    window = _window_or_404(plan, quarter)
    if request.method == "GET":
        if not window.is_open:
            messages.info(request, f"{window.period} is already closed.")
            return redirect(window.get_absolute_url())
        context = {
            "plan": plan,
            "window": window,
            "summary": cycle_selectors.close_summary(window),
        }
        return render(request, "actionplan/reportingquarter_confirm_close.html", context)
    try:
        window = services.quarter_close(membership=membership, window=window)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{window.period} is closed: its updates are frozen as they stand."
        )
    return redirect(window.get_absolute_url())


@partnership_view(rule=MANAGE_QUARTERS, methods=POST_ONLY)
def quarter_reopen(
    request: HttpRequest, membership: Membership, year: FinancialYear, quarter: int
) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    window = _window_or_404(plan, quarter)
    form = QuarterReopenForm(request.POST, prefix_quarter=quarter)
    if form.is_valid():
        try:
            window = services.quarter_reopen(
                membership=membership,
                window=window,
                reason=form.cleaned_data["reason"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{window.period} is open again for updates until {_day(window.deadline)}.",
            )
            return redirect(window.get_absolute_url())
    return _render_quarters(request, plan, reopen_form=form)


def _sort_links(sort: str, descending: bool) -> dict[str, dict]:
    links = {}
    for key, (label, _) in selectors.CHASE_SORTS.items():
        active = key == sort
        links[key] = {
            "label": label,
            "query": f"?sort=-{key}" if active and not descending else f"?sort={key}",
            "aria_sort": ("descending" if descending else "ascending") if active else "",
        }
    return links


@partnership_view(rule=MANAGE_QUARTERS, methods=SAFE)
def quarter_detail(
    request: HttpRequest, membership: Membership, year: FinancialYear, quarter: int
) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    window = _window_or_404(plan, quarter)
    sort, descending = selectors.parse_sort(request.GET.get("sort"))
    rows = selectors.chase_rows(window, sort, descending)
    slug = membership.partnership.slug
    action_link = row_link("actionplan:action-detail", slug, ROW)
    edit_link = row_link("actionplan:update-edit", slug, ROW, window.quarter)
    review_link = row_link("actionplan:update-review", slug, ROW, window.quarter)
    back = "?next=" + quote(request.get_full_path(), safe="/")  # as the urlencode filter
    for row in rows:
        row.action_url = action_link(row.action.pk)
        if rules.can_edit_update(membership, row.action, window, row.update):
            row.edit_url = edit_link(row.action.pk) + back
        if rules.review_refusal(membership, row.update, window) is None:
            row.review_url = review_link(row.action.pk) + back
    reminders, unreachable = selectors.plan_reminders(rows)
    counts = Counter(row.state for row in rows)
    context = {
        "plan": plan,
        "window": window,
        "rows": rows,
        "tallies": selectors.tally_by_lead(rows),
        "counts": [
            (state, label, counts[state]) for state, (label, _) in selectors.UPDATE_STATES.items()
        ],
        "outstanding": sum(not row.is_done for row in rows),
        "reminders": reminders,
        "unreachable": unreachable,
        "unreachable_refs": selectors.action_refs(unreachable),
        "sort": sort,
        "descending": descending,
        "sort_links": _sort_links(sort, descending),
    }
    return render(request, "actionplan/reportingquarter_detail.html", context)


@partnership_view(rule=MANAGE_QUARTERS, methods=POST_ONLY)
def quarter_remind(
    request: HttpRequest, membership: Membership, year: FinancialYear, quarter: int
) -> HttpResponse:
    plan = _plan_or_404(membership, year)
    window = _window_or_404(plan, quarter)
    try:
        reminders, unreachable = services.reminders_send(
            window=window, base_url=request.build_absolute_uri("/"), membership=membership
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(window.get_absolute_url())
    if reminders:
        people = "; ".join(
            f"{person_name(r.recipient)} ({len(r.rows)} action{'s' if len(r.rows) != 1 else ''})"
            for r in reminders
        )
        messages.success(
            request,
            f"Sent {len(reminders)} reminder{'s' if len(reminders) != 1 else ''}: {people}.",
        )
    else:
        messages.info(request, "No reminders to send: no lead officer owes an update.")
    if unreachable:
        refs = selectors.action_refs(unreachable)
        messages.warning(
            request,
            f"No lead officer with an email address leads {refs}: chase "
            f"{'it' if len(unreachable) == 1 else 'them'} another way.",
        )
    return redirect(window.get_absolute_url())


@partnership_view(rule=MANAGE_QUARTERS, methods=SAFE)
def quarter_chasing(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The coordinator's way in: straight to the open quarter, or where to open one."""
    windows_open = selectors.open_windows(membership.partnership)
    if windows_open:
        return redirect(windows_open[0].get_absolute_url())
    plans = ActionPlan.objects.filter(
        partnership=membership.partnership, status=ActionPlan.Status.APPROVED
    )
    context = {
        "next_step": cycle_selectors.next_step(membership.partnership),
        "plans": [
            (
                plan,
                reverse(
                    "actionplan:quarter-list", args=[membership.partnership.slug, plan.year.slug]
                ),
            )
            for plan in plans
        ],
    }
    return render(request, "actionplan/reportingquarter_none.html", context)

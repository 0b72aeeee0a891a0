"""Entering counts: the quarter's grid and one return with its breakdown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from referrals import exports, rules, selectors, services
from referrals.forms import GridForm, ReturnForm, SourceFormSet, source_choices, source_value
from referrals.history import return_edits
from referrals.models import ReferralReturn, Service
from referrals.views.reading import PUBLIC_ONLY
from sosafe.access import FORM, SAFE, Rule, partnership_view, require
from sosafe.concurrency import Change, Conflict, StaleEdit, stale_edit_response, with_version
from sosafe.history import person_name
from sosafe.models import Membership
from sosafe.periods import FinancialYear, Quarter
from sosafe.spreadsheets import download

ENTRY_ONLY = (
    "You may enter counts for the services your organisation runs or that you are named "
    "responsible for; coordinators may enter any."
)


def conflict_message(current: ReferralReturn, yours) -> str:
    when = timezone.localtime(current.updated_at)
    return (
        f"{capfirst(person_name(current.entered_by))} saved {current.total} for this quarter at "
        f"{when:%H:%M on %d/%m/%Y} "
        f"while you were editing; you entered {'nothing' if yours is None else yours}. "
        "Save again to replace their figure with yours, or change it."
    )


def _grid_url(membership: Membership, quarter: Quarter) -> str:
    url = reverse("referrals:return-grid", args=[membership.partnership.slug])
    return f"{url}?quarter={quarter.year.slug}+Q{quarter.number}"


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=FORM)
def return_grid(request: HttpRequest, membership: Membership) -> HttpResponse:
    quarter, quarter_message = selectors.quarter_from(request.GET.get("quarter"))
    grid = selectors.grid(membership, quarter)
    refused, conflict = None, None
    if request.method == "POST":
        require(bool(grid.editable_rows), ENTRY_ONLY)
        form = GridForm(request.POST, grid=grid)
        if form.is_valid():
            try:
                saved = services.grid_save(
                    membership=membership, quarter=quarter, entries=form.entries()
                )
            except services.GridRefused as exc:
                refused = exc
                form = _form_after_refusal(request, grid, exc)
                conflict = _grid_conflict(grid, form, exc)
            else:
                if saved:
                    messages.success(
                        request,
                        f"Saved {len(saved)} count{'s' if len(saved) != 1 else ''} for {quarter}.",
                    )
                else:
                    messages.info(request, "Nothing to save: no count was changed.")
                return redirect(_grid_url(membership, quarter))
    else:
        form = GridForm(grid=grid)
    context = {
        "grid": grid,
        "form": form,
        "quarter": quarter,
        "quarter_message": quarter_message,
        "quarter_choices": selectors.quarter_choices(quarter),
        "refused": refused,
        "conflict": conflict,
        "future": quarter.start > timezone.localdate(),
    }
    status = 409 if conflict else 200
    return render(request, "referrals/return_grid.html", context, status=status)


def _grid_conflict(grid, form: GridForm, refused: services.GridRefused) -> Conflict | None:
    """The cells someone else saved meanwhile: their count beside the one typed."""
    if not refused.conflicts:
        return None
    names = {row.service.pk: row.service.name for row in grid.rows}
    return Conflict(
        heading="Someone else saved counts in this grid while you were editing it",
        changes=[
            Change(
                names[pk],
                str(current.total),
                str(form.cleaned_data.get(f"count_{pk}", "")),
            )
            for pk, current in refused.conflicts.items()
        ],
    )


def _form_after_refusal(request, grid, refused: services.GridRefused) -> GridForm:
    """The grid again with everything typed kept; a conflicting cell now starts from the other
    person's saved figure, so saving again replaces it knowingly."""
    data = request.POST.copy()
    for pk, current in refused.conflicts.items():
        data[f"seen_{pk}"] = str(current.total)
        data = with_version(data, current, f"version_{pk}")
    form = GridForm(data, grid=grid)
    form.is_valid()
    for pk, errors in refused.errors.items():
        for error in errors:
            form.add_error(f"count_{pk}", error)
    for pk, current in refused.conflicts.items():
        form.add_error(
            f"count_{pk}", conflict_message(current, form.cleaned_data.get(f"count_{pk}"))
        )
    return form


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=SAFE)
def return_grid_export(request: HttpRequest, membership: Membership, fmt: str) -> HttpResponse:
    quarter, _ = selectors.quarter_from(request.GET.get("quarter"))
    return download(
        f"referrals-{quarter.year.slug}-q{quarter.number}",
        fmt,
        exports.grid_sheet(selectors.grid(membership, quarter)),
    )


@partnership_view(rule=Rule(rules.can_read, PUBLIC_ONLY), methods=FORM)
def return_edit(
    request: HttpRequest, membership: Membership, pk: int, year: FinancialYear, quarter: int
) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organisation"), partnership=membership.partnership, pk=pk
    )
    period = year.quarter(quarter)
    require(rules.can_enter_for(membership, service), ENTRY_ONLY)
    instance = (
        ReferralReturn.objects.filter(service=service, year=period.year, quarter=period.number)
        .select_related("entered_by")
        .prefetch_related("sources__organisation")
        .first()
    )
    if instance is None and period.start > timezone.localdate():
        raise Http404("That quarter has not started: it has no count yet.")
    choices = source_choices(membership.partnership)
    if request.method == "POST":
        form = ReturnForm(request.POST, instance=instance)
        formset = SourceFormSet(request.POST, prefix="sources", form_kwargs={"choices": choices})
    else:
        form = ReturnForm(instance=instance)
        initial = [
            {"source": source_value((row.kind, row.organisation_id)), "count": row.count}
            for row in (instance.sources.all() if instance else [])
        ]
        formset = SourceFormSet(initial=initial, prefix="sources", form_kwargs={"choices": choices})
    context = {
        "service": service,
        "period": period,
        "referral_return": instance,
        "form": form,
        "formset": formset,
        "edits": return_edits(instance) if instance else [],
    }
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.return_save(
                membership=membership,
                service=service,
                quarter=period,
                total=form.cleaned_data["total"],
                seen_version=form.seen_version,
                breakdown=formset.breakdown(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("total", exc.messages)
        except StaleEdit as exc:
            return stale_edit_response(
                request,
                "referrals/return_form.html",
                context,
                current=exc.current,
                form_for=lambda data, current: ReturnForm(data, instance=current),
                what="return",
                extra_changes=_breakdown_change(exc.current, formset, choices),
            )
        else:
            messages.success(request, f"Saved the count for {service}, {period}.")
            return redirect(service.get_absolute_url())
    return render(request, "referrals/return_form.html", context)


def _breakdown_change(current: ReferralReturn, formset, choices) -> list[Change]:
    labels = dict(choices)
    theirs = {(row.kind, row.organisation_id): row for row in current.sources.all()}
    yours = formset.breakdown()
    if {key: row.count for key, row in theirs.items()} == yours:
        return []
    return [
        Change(
            "Breakdown by referring agency",
            ", ".join(f"{row.label} {row.count}" for row in theirs.values()) or "none",
            ", ".join(f"{labels[source_value(key)]} {count}" for key, count in yours.items())
            or "none",
        )
    ]

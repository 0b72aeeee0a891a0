"""Import a whole action plan from a spreadsheet: upload for a year, preview the plan as it
will be created with a choice for each unknown organisation, confirm (all or nothing)."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from actionplan import rules
from actionplan.plan_import.forms import DecisionsForm, PlanUploadForm
from actionplan.plan_import.resolve import plan_preview
from actionplan.plan_import.services import COORDINATOR_ONLY, plan_import_apply
from sosafe.access import FORM, POST_ONLY, Rule, partnership_view
from sosafe.models import Membership
from sosafe.periods import FinancialYear, PeriodError
from sosafe.spreadsheets import confirm_upload, preview_upload, read_sheets

MANAGERS = Rule(rules.can_manage_quarters, COORDINATOR_ONLY)


def _kind(year: FinancialYear) -> str:
    return f"action-plan-{year.slug}"  # an upload is confirmed for the year it was checked for


def _preview_page(request, membership, preview, *, decisions, token, filename, status=200):
    context = {
        "preview": preview,
        "decisions": decisions,
        "token": token,
        "filename": filename,
        "year": preview.year,
    }
    return render(request, "actionplan/actionplan_import_preview.html", context, status=status)


@partnership_view(rule=MANAGERS, methods=FORM)
def plan_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    form = PlanUploadForm(request.POST or None, request.FILES or None, partnership=partnership)
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else None
    upload = preview_upload(
        request,
        kind=_kind(year) if year else "",
        partnership_slug=partnership.slug,
        form=form,
        plan=partial(plan_preview, partnership, year),
        read=read_sheets,
    )
    if upload.preview is None:
        status = 400 if form.errors else 200
        return render(request, "actionplan/actionplan_import.html", {"form": form}, status=status)
    decisions = DecisionsForm(preview=upload.preview, partnership=partnership)
    return _preview_page(
        request,
        membership,
        upload.preview,
        decisions=decisions,
        token=upload.token,
        filename=form.cleaned_data["file"].name,
    )


@partnership_view(rule=MANAGERS, methods=POST_ONLY)
def plan_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    again = reverse("actionplan:plan-import", args=[partnership.slug])
    try:
        year = FinancialYear.parse(request.POST.get("year", ""))
    except PeriodError:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect(again)
    chosen = {key: value for key, value in request.POST.items() if key.startswith("org-")}
    confirmation = confirm_upload(
        request,
        kind=_kind(year),
        partnership_slug=partnership.slug,
        plan=partial(plan_preview, partnership, year, decisions=chosen),
        apply=lambda preview, _: plan_import_apply(
            partnership=partnership, preview=preview, by=membership
        ),
        read=read_sheets,
    )
    if confirmation.upload is None:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect(again)
    if confirmation.applied:
        plan = confirmation.result
        count = confirmation.preview.row_count
        messages.success(
            request,
            f"Imported {confirmation.upload.name}: {plan} is a draft with {count} "
            f"action{'s' if count != 1 else ''}.",
        )
        return redirect(plan.get_absolute_url())
    preview = confirmation.preview
    decisions = DecisionsForm(request.POST, preview=preview, partnership=partnership)
    decisions.is_valid()
    return _preview_page(
        request,
        membership,
        preview,
        decisions=decisions,
        token=confirmation.upload.token,
        filename=confirmation.upload.name,
        status=422,
    )

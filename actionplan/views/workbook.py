"""The plan's workbook out and back: download a plan or My actions as XLSX in the committee
paper's layout with this quarter's columns, fill it in offline, upload it, check the preview,
confirm. The layout is ``actionplan.plan_workbook``; the checks and the saving are
``actionplan.update_import`` (through the same services and rules as the update form)."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actionplan import plan_workbook, rules, selectors, update_import
from actionplan.forms import UpdatesUploadForm
from actionplan.views.plans import SCRUTINY_MESSAGE, _plan_or_404
from actionplan.views.updates import WRITERS_MESSAGE
from sosafe.access import FORM, POST_ONLY, SAFE, Rule, partnership_view, require
from sosafe.models import Membership
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import confirm_upload, preview_upload, read_table, xlsx_response

IMPORT_KIND = "progress-updates"
READ = partial(read_table, header=plan_workbook.HEADER)  # the column names sit below a title
NO_QUARTER_OPEN = (
    "No quarter is open for updates. The community safety coordinator opens each quarter; "
    "progress can be uploaded while it is open."
)


@partnership_view(rule=Rule(rules.can_read_plans, SCRUTINY_MESSAGE), methods=SAFE)
def plan_export(request: HttpRequest, membership: Membership, year: FinancialYear):
    plan = _plan_or_404(membership, year)
    book = selectors.plan_workbook(membership, plan)
    sheet = plan_workbook.plan_sheet(membership=membership, sections=[book])
    name = f"{membership.partnership.slug}-action-plan-{plan.year.slug}"
    return xlsx_response(name, [sheet])


@partnership_view(rule=Rule(rules.may_write_updates, WRITERS_MESSAGE), methods=SAFE)
def action_mine_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    books = selectors.my_workbook(membership)
    require(bool(books), NO_QUARTER_OPEN)
    sheet = plan_workbook.plan_sheet(membership=membership, sections=books, title="My actions")
    return xlsx_response(f"{membership.partnership.slug}-my-actions", [sheet])


def _plan(membership: Membership):
    return partial(update_import.plan_updates, membership)


@partnership_view(rule=Rule(rules.may_write_updates, WRITERS_MESSAGE), methods=FORM)
def action_mine_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    windows = selectors.open_windows(membership.partnership)
    if request.method == "POST":
        require(bool(windows), NO_QUARTER_OPEN)
    form = UpdatesUploadForm(request.POST or None, request.FILES or None)
    upload = preview_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        form=form,
        plan=_plan(membership),
        read=READ,
    )
    if upload.preview is None:
        context = {"form": form, "windows": windows}
        return render(request, "actionplan/update_import.html", context)
    context = {
        "preview": upload.preview,
        "filename": form.cleaned_data["file"].name,
        "token": upload.token,
    }
    return render(request, "actionplan/update_import_preview.html", context)


@partnership_view(rule=Rule(rules.may_write_updates, WRITERS_MESSAGE), methods=POST_ONLY)
def action_mine_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    slug = membership.partnership.slug
    confirmation = confirm_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=slug,
        plan=_plan(membership),
        apply=lambda preview, _: update_import.apply_updates(membership, preview),
        read=READ,
    )
    if confirmation.upload is None:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("actionplan:action-mine-import", slug)
    if confirmation.applied:
        result, preview = confirmation.result, confirmation.preview
        messages.success(
            request,
            f"Imported {confirmation.upload.name}: {result.submitted} update"
            f"{'s' if result.submitted != 1 else ''} submitted, {result.drafts} saved as "
            f"draft{'s' if result.drafts != 1 else ''}; {preview.unchanged} unchanged "
            f"row{'s' if preview.unchanged != 1 else ''} left as they were.",
        )
        return redirect("actionplan:action-mine", slug)
    context = {
        "preview": confirmation.preview,
        "filename": confirmation.upload.name,
        "refused": True,
    }
    return render(request, "actionplan/update_import_preview.html", context, status=422)

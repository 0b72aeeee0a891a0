"""Bids in and out as spreadsheets, through ``sosafe.spreadsheets``.

The upload waits in the shared pending store between the preview and the confirmation; the
confirmation plans the whole file again against the data as it is then and applies every row
through ``funding.services`` in one transaction, or none of them.
"""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from funding import rules, selectors
from funding.bid_columns import COLUMN_NAMES, REQUIRED_COLUMNS, STATUS_WORDS, bids_sheet
from funding.bid_import import apply_bids, plan_bids
from funding.filters import BidFilter
from funding.forms import ImportForm
from funding.views.bids import READ_MESSAGE
from sosafe.access import FORM, POST_ONLY, SAFE, Rule, partnership_view
from sosafe.models import Membership
from sosafe.spreadsheets import confirm_upload, download, preview_upload

IMPORT_KIND = "funding-bids"
IMPORT_MESSAGE = "Only coordinators import bids."


@partnership_view(rule=Rule(rules.can_read_bids, READ_MESSAGE), methods=SAFE)
def bid_export(request: HttpRequest, membership: Membership, file_format: str) -> HttpResponse:
    partnership = membership.partnership
    bid_filter = BidFilter(
        request.GET or None, queryset=selectors.bids(partnership), partnership=partnership
    )
    bids = selectors.bid_rows(bid_filter.qs).order_by("pk")
    filename = f"funding-bids-{partnership.slug}-{datetime.date.today():%Y-%m-%d}"
    return download(filename, file_format, bids_sheet(bids))


def _context(**extra) -> dict:
    return {
        "columns": COLUMN_NAMES,
        "required_columns": REQUIRED_COLUMNS,
        "status_words": STATUS_WORDS.values(),
        **extra,
    }


def _planner(membership: Membership):
    return lambda table: plan_bids(membership=membership, table=table)


@partnership_view(rule=Rule(rules.can_manage_funding, IMPORT_MESSAGE), methods=FORM)
def bid_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Upload a sheet and see, without changing anything, what importing it would do."""
    form = ImportForm(request.POST or None, request.FILES or None)
    upload = preview_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        form=form,
        plan=_planner(membership),
    )
    context = _context(form=form, report=upload.preview, token=upload.token)
    return render(request, "funding/bid_import.html", context)


@partnership_view(rule=Rule(rules.can_manage_funding, IMPORT_MESSAGE), methods=POST_ONLY)
def bid_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Apply the previewed sheet: every row in one transaction, or none of them."""
    confirmation = confirm_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        plan=_planner(membership),
        apply=lambda preview, upload: apply_bids(
            membership=membership, preview=preview, source_name=upload.name
        ),
    )
    if confirmation.upload is None:
        messages.error(
            request,
            "That preview is no longer available (it was applied, replaced by another upload, "
            "expired, or you signed out). Upload the file again.",
        )
        return redirect("funding:bid-import", membership.partnership.slug)
    report = confirmation.preview
    if confirmation.applied:
        messages.success(
            request,
            f"Imported {confirmation.upload.name}: {report.added} "
            f"bid{'s' if report.added != 1 else ''} added, {report.updated} updated, "
            f"{report.unchanged} unchanged.",
        )
        return redirect("funding:bid-list", membership.partnership.slug)
    context = _context(
        form=ImportForm(),
        report=report,
        token=None,
        confirm_failed=True,
        filename=confirmation.upload.name,
    )
    return render(request, "funding/bid_import.html", context, status=422)

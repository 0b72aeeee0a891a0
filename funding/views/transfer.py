"""Spreadsheets in and out.

Between the preview and the confirmation the uploaded file is kept in the user's session
(base64, under a random token, one pending import per session, at most 2 MB). The session is
in the database, so the confirmation works whichever server process receives it, only the
person who uploaded the file can confirm it, and it goes when they sign out. The confirmation
runs the whole import again against the data as it is then: nothing from the preview is
trusted, and if any row has become bad nothing is applied.
"""

import base64
import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from funding import rules, selectors
from funding.filters import BidFilter
from funding.forms import ImportForm
from funding.transfer import (
    REQUIRED_COLUMNS,
    STATUS_WORDS,
    BidResource,
    FileProblem,
    export_bids,
    read_upload,
    run_import,
)
from funding.views.bids import READ_MESSAGE
from sosafe.access import partnership_view, require
from sosafe.models import Membership

SESSION_KEY = "funding-import"
IMPORT_MESSAGE = "Only coordinators import bids."


@partnership_view
def bid_export(request: HttpRequest, membership: Membership, file_format: str) -> HttpResponse:
    require(rules.can_read_bids(membership), READ_MESSAGE)
    partnership = membership.partnership
    bid_filter = BidFilter(
        request.GET or None, queryset=selectors.bids(partnership), partnership=partnership
    )
    return export_bids(
        membership=membership,
        bids=selectors.bid_rows(bid_filter.qs).order_by("pk"),
        file_format=file_format,
    )


def _context(**extra) -> dict:
    return {
        "columns": [f.column_name for f in BidResource.fields.values()],
        "required_columns": REQUIRED_COLUMNS,
        "status_words": STATUS_WORDS.values(),
        **extra,
    }


@partnership_view
def bid_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Upload a sheet and see, without changing anything, what importing it would do."""
    require(rules.can_manage_funding(membership), IMPORT_MESSAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            dataset, unused = read_upload(content, form.file_format)
        except FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            report = run_import(
                membership=membership, dataset=dataset, dry_run=True, source_name=upload.name
            )
            report.unused_columns = unused
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "partnership": membership.partnership.slug,
                "name": upload.name,
                "format": form.file_format,
                "content": base64.b64encode(content).decode("ascii"),
            }
    context = _context(form=form, report=report, token=token)
    return render(request, "funding/bid_import.html", context)


@partnership_view
@require_POST
def bid_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Apply the previewed sheet: every row in one transaction, or none of them."""
    require(rules.can_manage_funding(membership), IMPORT_MESSAGE)
    pending = request.session.get(SESSION_KEY) or {}
    if (
        not pending
        or pending.get("token") != request.POST.get("token")
        or pending.get("partnership") != membership.partnership.slug
    ):
        messages.error(
            request,
            "That preview is no longer available (it was applied, replaced by another upload, "
            "or you signed out). Upload the file again.",
        )
        return redirect("funding:bid-import", membership.partnership.slug)
    content = base64.b64decode(pending["content"])
    try:
        dataset, unused = read_upload(content, pending["format"])
    except FileProblem as exc:  # pragma: no cover - it was read once already
        messages.error(request, str(exc))
        return redirect("funding:bid-import", membership.partnership.slug)
    report = run_import(
        membership=membership, dataset=dataset, dry_run=False, source_name=pending["name"]
    )
    if report.applied:
        del request.session[SESSION_KEY]
        messages.success(
            request,
            f"Imported {pending['name']}: {report.added} bid{'s' if report.added != 1 else ''} "
            f"added, {report.updated} updated, {report.unchanged} unchanged.",
        )
        return redirect("funding:bid-list", membership.partnership.slug)
    report.unused_columns = unused
    context = _context(
        form=ImportForm(),
        report=report,
        token=None,
        confirm_failed=True,
        filename=pending["name"],
    )
    return render(request, "funding/bid_import.html", context, status=422)

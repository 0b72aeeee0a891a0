"""Importing police.uk crime files in the browser: upload, preview the counts, confirm.

The files are read within the spreadsheet caps; only the counts wait between the preview and
the confirmation, in the one pending-upload store (``sosafe.spreadsheets.pending``: this
person's, this partnership's, under a token the confirmation posts back). The files are not kept.
"""

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators import rules, selectors, services
from indicators.forms import CrimeUploadForm
from indicators.models import ALL_CRIME
from indicators.police import (
    AreaFilter,
    CrimeCounts,
    CrimeFileError,
    read_crime_files,
    upload_limits,
)
from sosafe.access import FORM, POST_ONLY, Rule, partnership_view
from sosafe.models import Membership
from sosafe.spreadsheets.pending import pending_discard, pending_load, pending_save

IMPORT_KIND = "police-crime-counts"


def _crumbs(membership: Membership) -> list[tuple[str, str]]:
    url = reverse("indicators:indicator-list", args=[membership.partnership.slug])
    return [(url, "Performance indicators")]


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def crime_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    area = selectors.area(membership.partnership)
    has_area = bool(area and area.is_defined)
    form = CrimeUploadForm()
    if request.method == "POST" and has_area:
        form = CrimeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploads = [(f.name, f.read()) for f in form.cleaned_data["files"]]
            try:
                counts = read_crime_files(uploads, AreaFilter.of(area), limits=upload_limits())
            except CrimeFileError as exc:
                form.add_error("files", f"{exc} Nothing was imported.")
            else:
                token = pending_save(
                    request,
                    kind=IMPORT_KIND,
                    partnership_slug=membership.partnership.slug,
                    name=", ".join(name for name, _ in uploads),
                    file_format="json",
                    content=json.dumps(counts.to_json()).encode(),
                )
                return _preview(request, membership, counts, token)
    context = {"form": form, "area": area, "has_area": has_area, "crumbs": _crumbs(membership)}
    return render(request, "indicators/crime_import.html", context)


def _preview(request, membership: Membership, counts: CrimeCounts, token: str, refused=""):
    types = [ALL_CRIME, *sorted(counts.types)]
    context = {
        "counts": counts,
        "token": token,
        "refused": refused,
        "types": types,
        "rows": [
            (month, [counts.counts_for(month).get(t, 0) for t in types]) for month in counts.months
        ],
        "crumbs": _crumbs(membership),
    }
    status = 422 if refused else 200
    return render(request, "indicators/crime_import_preview.html", context, status=status)


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=POST_ONLY)
def crime_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    slug = membership.partnership.slug
    upload = pending_load(
        request, kind=IMPORT_KIND, partnership_slug=slug, token=request.POST.get("token")
    )
    if upload is None:
        messages.error(request, "That upload is no longer waiting: upload the files again.")
        return redirect("indicators:crime-import", slug)
    counts = CrimeCounts.from_json(json.loads(upload.content))
    try:
        months = services.crime_counts_store(
            partnership=membership.partnership, counts=counts, user=request.user
        )
    except services.ImportRefused as exc:
        return _preview(request, membership, counts, upload.token, refused=str(exc))
    pending_discard(request, upload.token)
    labels = ", ".join(str(m.month) for m in months)
    messages.success(request, f"Imported police.uk crime counts for {labels}.")
    return redirect("indicators:indicator-list", slug)

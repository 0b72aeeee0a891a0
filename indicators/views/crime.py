"""Importing police.uk crime files in the browser: upload, preview the counts, confirm.

Only the counts wait in the session between the preview and the confirmation (keyed by a token
so two uploads in two tabs do not mix); the files themselves are not kept.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from indicators import rules, selectors, services
from indicators.forms import CrimeUploadForm
from indicators.models import ALL_CRIME
from indicators.police import AreaFilter, CrimeCounts, CrimeFileError, read_crime_files
from indicators.views import pending
from sosafe.access import partnership_view, require
from sosafe.models import Membership

SESSION_KEY = "indicators_crime_imports"


def _crumbs(membership: Membership) -> list[tuple[str, str]]:
    url = reverse("indicators:indicator-list", args=[membership.partnership.slug])
    return [(url, "Performance indicators")]


@require_http_methods(["GET", "HEAD", "POST"])
@partnership_view
def crime_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    require(rules.can_manage(membership), rules.MANAGERS_ONLY)
    area = selectors.area(membership.partnership)
    has_area = bool(area and area.is_defined)
    form = CrimeUploadForm()
    if request.method == "POST" and has_area:
        form = CrimeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploads = [(f.name, f.read()) for f in form.cleaned_data["files"]]
            try:
                counts = read_crime_files(uploads, AreaFilter.of(area))
            except CrimeFileError as exc:
                form.add_error("files", f"{exc} Nothing was imported.")
            else:
                token = pending.keep(
                    request,
                    SESSION_KEY,
                    membership.partnership.slug,
                    {
                        "counts": counts.to_json(),
                    },
                )
                return redirect(
                    "indicators:crime-import-preview", membership.partnership.slug, token
                )
    context = {"form": form, "area": area, "has_area": has_area, "crumbs": _crumbs(membership)}
    return render(request, "indicators/crime_import.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@partnership_view
def crime_import_preview(request: HttpRequest, membership: Membership, token: str):
    require(rules.can_manage(membership), rules.MANAGERS_ONLY)
    slug = membership.partnership.slug
    stored = pending.find(request, SESSION_KEY, slug, token)
    if stored is None:
        messages.error(request, "That upload is no longer waiting: upload the files again.")
        return redirect("indicators:crime-import", slug)
    counts = CrimeCounts.from_json(stored["counts"])
    refused = ""
    if request.method == "POST":
        try:
            months = services.crime_counts_store(
                partnership=membership.partnership, counts=counts, user=request.user
            )
        except services.ImportRefused as exc:
            refused = str(exc)
        else:
            pending.forget(request, SESSION_KEY, token)
            labels = ", ".join(str(m.month) for m in months)
            messages.success(request, f"Imported police.uk crime counts for {labels}.")
            return redirect("indicators:indicator-list", slug)
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
    return render(request, "indicators/crime_import_preview.html", context)

"""Importing indicator values from a spreadsheet: upload, preview every row, confirm.

The upload waits in the (database-backed) session between the preview and the confirmation,
keyed by a token; it is checked again on confirmation.
"""

import base64

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from indicators import rules, services
from indicators.forms import ValuesUploadForm
from indicators.imports import ValueFileError, plan_values
from indicators.views import pending
from sosafe.access import partnership_view, require
from sosafe.models import Membership

SESSION_KEY = "indicators_value_imports"


def _crumbs(membership: Membership) -> list[tuple[str, str]]:
    url = reverse("indicators:indicator-list", args=[membership.partnership.slug])
    return [(url, "Performance indicators")]


@require_http_methods(["GET", "HEAD", "POST"])
@partnership_view
def values_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    require(rules.can_manage(membership), rules.MANAGERS_ONLY)
    form = ValuesUploadForm()
    if request.method == "POST":
        form = ValuesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["file"].read()
            try:
                plan_values(membership.partnership, content, form.format)
            except ValueFileError as exc:
                form.add_error("file", f"{exc} Nothing was imported.")
            else:
                token = pending.keep(
                    request,
                    SESSION_KEY,
                    membership.partnership.slug,
                    {
                        "name": form.cleaned_data["file"].name,
                        "format": form.format,
                        "content": base64.b64encode(content).decode("ascii"),
                    },
                )
                return redirect(
                    "indicators:values-import-preview", membership.partnership.slug, token
                )
    context = {"form": form, "crumbs": _crumbs(membership)}
    return render(request, "indicators/values_import.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@partnership_view
def values_import_preview(request: HttpRequest, membership: Membership, token: str):
    require(rules.can_manage(membership), rules.MANAGERS_ONLY)
    slug = membership.partnership.slug
    stored = pending.find(request, SESSION_KEY, slug, token)
    if stored is None:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("indicators:values-import", slug)
    content = base64.b64decode(stored["content"])
    plan = plan_values(membership.partnership, content, stored["format"])
    if request.method == "POST" and plan.ok:
        changed = services.indicator_values_import(rows=plan.rows, user=request.user)
        pending.forget(request, SESSION_KEY, token)
        messages.success(
            request,
            f"Imported {stored['name']}: {changed} value{'s' if changed != 1 else ''} saved.",
        )
        return redirect("indicators:indicator-list", slug)
    context = {"plan": plan, "stored": stored, "crumbs": _crumbs(membership)}
    return render(request, "indicators/values_import_preview.html", context)

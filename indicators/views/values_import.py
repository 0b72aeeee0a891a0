"""Importing indicator values from a spreadsheet: upload, preview every row, confirm.

The upload waits in the (database-backed) session between the preview and the confirmation,
keyed by a token; it is checked again on confirmation.
"""

import base64
import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from indicators import rules, services
from indicators.forms import ValuesUploadForm
from indicators.imports import ValueFileError, plan_values
from sosafe.access import partnership_view, require
from sosafe.models import Membership

SESSION_KEY = "indicators_value_imports"
MAX_PENDING = 3


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
                token = secrets.token_urlsafe(16)
                pending = dict(request.session.get(SESSION_KEY, {}))
                for old in list(pending)[: max(0, len(pending) - MAX_PENDING + 1)]:
                    del pending[old]
                pending[token] = {
                    "partnership": membership.partnership.slug,
                    "name": form.cleaned_data["file"].name,
                    "format": form.format,
                    "content": base64.b64encode(content).decode("ascii"),
                }
                request.session[SESSION_KEY] = pending
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
    pending = dict(request.session.get(SESSION_KEY, {}))
    stored = pending.get(token)
    if not stored or stored["partnership"] != slug:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("indicators:values-import", slug)
    content = base64.b64decode(stored["content"])
    plan = plan_values(membership.partnership, content, stored["format"])
    if request.method == "POST" and plan.ok:
        changed = services.indicator_values_import(rows=plan.rows, user=request.user)
        del pending[token]
        request.session[SESSION_KEY] = pending
        messages.success(
            request,
            f"Imported {stored['name']}: {changed} value{'s' if changed != 1 else ''} saved.",
        )
        return redirect("indicators:indicator-list", slug)
    context = {"plan": plan, "stored": stored, "crumbs": _crumbs(membership)}
    return render(request, "indicators/values_import_preview.html", context)

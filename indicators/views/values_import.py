"""Importing indicator values from a spreadsheet: upload, preview every row, confirm.

The flow, the caps and the pending upload are ``sosafe.spreadsheets``'; the file is planned
again on confirmation and stored all rows or none.
"""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators import rules, services
from indicators.forms import ValuesUploadForm
from indicators.imports import plan_values
from sosafe.access import FORM, POST_ONLY, Rule, partnership_view
from sosafe.models import Membership
from sosafe.spreadsheets import confirm_upload, preview_upload

IMPORT_KIND = "indicator-values"


def _crumbs(membership: Membership) -> list[tuple[str, str]]:
    url = reverse("indicators:indicator-list", args=[membership.partnership.slug])
    return [(url, "Performance indicators")]


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=FORM)
def values_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = ValuesUploadForm(request.POST or None, request.FILES or None)
    upload = preview_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        form=form,
        plan=partial(plan_values, membership.partnership),
    )
    if upload.preview is None:
        context = {"form": form, "crumbs": _crumbs(membership)}
        return render(request, "indicators/values_import.html", context)
    context = {
        "plan": upload.preview,
        "filename": form.cleaned_data["file"].name,
        "token": upload.token,
        "crumbs": _crumbs(membership),
    }
    return render(request, "indicators/values_import_preview.html", context)


@partnership_view(rule=Rule(rules.can_manage, rules.MANAGERS_ONLY), methods=POST_ONLY)
def values_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    slug = membership.partnership.slug
    confirmation = confirm_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=slug,
        plan=partial(plan_values, membership.partnership),
        apply=lambda plan, _: services.indicator_values_import(rows=plan.rows, user=request.user),
    )
    if confirmation.upload is None:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("indicators:values-import", slug)
    if confirmation.applied:
        changed = confirmation.result
        messages.success(
            request,
            f"Imported {confirmation.upload.name}: "
            f"{changed} value{'s' if changed != 1 else ''} saved.",
        )
        return redirect("indicators:indicator-list", slug)
    context = {
        "plan": confirmation.preview,
        "filename": confirmation.upload.name,
        "refused": True,
        "crumbs": _crumbs(membership),
    }
    return render(request, "indicators/values_import_preview.html", context, status=422)

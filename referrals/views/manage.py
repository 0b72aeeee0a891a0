"""Managing services and importing counts: coordinators and administrators."""

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from referrals import rules, services
from referrals.forms import ImportUploadForm, ServiceForm
from referrals.imports import plan_table
from referrals.models import Service
from sosafe.access import FORM, POST_ONLY, Rule, partnership_view
from sosafe.models import Membership
from sosafe.spreadsheets import confirm_upload, preview_upload

MANAGERS_ONLY = "Only the partnership's coordinators manage services and import counts."
IMPORT_KIND = "referral-counts"


@partnership_view(rule=Rule(rules.can_manage_services, MANAGERS_ONLY), methods=FORM)
def service_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _service_form(request, membership, Service())


@partnership_view(rule=Rule(rules.can_manage_services, MANAGERS_ONLY), methods=FORM)
def service_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, partnership=membership.partnership, pk=pk)
    return _service_form(request, membership, service)


def _service_form(request: HttpRequest, membership: Membership, service: Service):
    partnership = membership.partnership
    if request.method == "POST":
        form = ServiceForm(request.POST, instance=service, partnership=partnership)
        if form.is_valid():
            with transaction.atomic():
                service = form.save()
            messages.success(request, f"Saved the service {service}.")
            return redirect(service.get_absolute_url())
    else:
        form = ServiceForm(instance=service, partnership=partnership)
    return render(request, "referrals/service_form.html", {"form": form, "service": service})


def _plan(membership: Membership):
    return partial(plan_table, membership.partnership)


@partnership_view(rule=Rule(rules.can_import, MANAGERS_ONLY), methods=FORM)
def return_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Upload a sheet of counts and see, without saving anything, what it would do."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    upload = preview_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        form=form,
        plan=_plan(membership),
    )
    if upload.preview is None:
        return render(request, "referrals/return_import.html", {"form": form})
    context = {"plan": upload.preview, "filename": form.cleaned_data["file"].name}
    return render(
        request, "referrals/return_import_preview.html", context | {"token": upload.token}
    )


@partnership_view(rule=Rule(rules.can_import, MANAGERS_ONLY), methods=POST_ONLY)
def return_import_confirm(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Save the previewed sheet: every return in one transaction, or none of them."""
    confirmation = confirm_upload(
        request,
        kind=IMPORT_KIND,
        partnership_slug=membership.partnership.slug,
        plan=_plan(membership),
        apply=lambda plan, _: services.counts_import(membership=membership, groups=plan.rows),
    )
    if confirmation.upload is None:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("referrals:return-import", membership.partnership.slug)
    if confirmation.applied:
        applied = confirmation.result
        messages.success(
            request,
            f"Imported {confirmation.upload.name}: {applied} return{'s' if applied != 1 else ''} "
            "saved, all in one go.",
        )
        return redirect(reverse("referrals:service-list", args=[membership.partnership.slug]))
    context = {"plan": confirmation.preview, "filename": confirmation.upload.name, "refused": True}
    return render(request, "referrals/return_import_preview.html", context, status=422)

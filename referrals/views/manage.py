"""Managing services and importing counts: coordinators and administrators."""

import base64
import secrets

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from referrals import rules, services
from referrals.forms import ImportUploadForm, ServiceForm
from referrals.imports import ImportFileError, plan_import
from referrals.models import Service
from sosafe.access import partnership_view, require
from sosafe.models import Membership

MANAGERS_ONLY = "Only the partnership's coordinators manage services and import counts."
# Uploads wait in the session between the preview and the confirmation, keyed by a token so
# that two uploads in two tabs do not mix. The session is database-backed, so the content
# survives between requests and is never written to a shared folder.
SESSION_KEY = "referrals_imports"
MAX_PENDING = 3


@partnership_view
def service_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _service_form(request, membership, Service())


@partnership_view
def service_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, partnership=membership.partnership, pk=pk)
    return _service_form(request, membership, service)


def _service_form(request: HttpRequest, membership: Membership, service: Service):
    require(rules.can_manage_services(membership), MANAGERS_ONLY)
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


def _pending(request: HttpRequest) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


@partnership_view
def return_import(request: HttpRequest, membership: Membership) -> HttpResponse:
    require(rules.can_import(membership), MANAGERS_ONLY)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                plan_import(membership.partnership, content, form.format)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                token = secrets.token_urlsafe(16)
                pending = _pending(request)
                for old in sorted(pending, key=lambda t: pending[t]["uploaded"])[
                    : max(0, len(pending) - MAX_PENDING + 1)
                ]:
                    del pending[old]
                pending[token] = {
                    "partnership": membership.partnership.slug,
                    "name": upload.name,
                    "format": form.format,
                    "content": base64.b64encode(content).decode("ascii"),
                    "uploaded": timezone.now().isoformat(),
                }
                request.session[SESSION_KEY] = pending
                return redirect(
                    "referrals:return-import-preview", membership.partnership.slug, token
                )
    else:
        form = ImportUploadForm()
    return render(request, "referrals/return_import.html", {"form": form})


@partnership_view
def return_import_preview(request: HttpRequest, membership: Membership, token: str):
    require(rules.can_import(membership), MANAGERS_ONLY)
    pending = _pending(request)
    stored = pending.get(token)
    if not stored or stored["partnership"] != membership.partnership.slug:
        messages.error(request, "That upload is no longer waiting: upload the file again.")
        return redirect("referrals:return-import", membership.partnership.slug)
    content = base64.b64decode(stored["content"])
    # Checked again on confirmation: the counts may have changed since the preview.
    plan = plan_import(membership.partnership, content, stored["format"])
    refused = ""
    if request.method == "POST" and plan.ok:
        try:
            applied = services.counts_import(membership=membership, groups=plan.groups)
        except services.ImportRefused as exc:
            refused = str(exc)
        else:
            del pending[token]
            request.session[SESSION_KEY] = pending
            messages.success(
                request,
                f"Imported {stored['name']}: {applied} return{'s' if applied != 1 else ''} "
                "saved, all in one go.",
            )
            return redirect(reverse("referrals:service-list", args=[membership.partnership.slug]))
    context = {"plan": plan, "stored": stored, "token": token, "refused": refused}
    return render(request, "referrals/return_import_preview.html", context)

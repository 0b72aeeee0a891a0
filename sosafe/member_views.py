"""The partnership administrators' pages: members (invite, change, deactivate) and settings."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy

from sosafe import members
from sosafe.access import EVERY_MEMBER, FORM, POST_ONLY, SAFE, partnership_view, require
from sosafe.member_forms import (
    ChoosePasswordForm,
    InviteForm,
    MembershipForm,
    PartnershipSettingsForm,
)
from sosafe.models import Membership, Partnership


def _administrator(membership: Membership) -> None:
    require(members.can_administer(membership), members.ADMINS_ONLY)


def _member_of(membership: Membership, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation", "partnership"),
        pk=pk,
        partnership=membership.partnership,
    )


def _members_url(membership: Membership) -> str:
    return reverse("sosafe:member-list", args=[membership.partnership.slug])


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@partnership_view(rule=EVERY_MEMBER, methods=SAFE)
def member_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    _administrator(membership)
    rows = Membership.objects.filter(partnership=membership.partnership).select_related(
        "user", "organisation"
    )
    context = {
        "active": [row for row in rows if row.is_active],
        "inactive": [row for row in rows if not row.is_active],
    }
    return render(request, "sosafe/membership_list.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def member_invite(request: HttpRequest, membership: Membership) -> HttpResponse:
    _administrator(membership)
    partnership = membership.partnership
    form = InviteForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            invited = members.member_invite(
                partnership=partnership,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Invited {invited.user.email}: an email is on its way.")
            return redirect("sosafe:member-list", partnership.slug)
    context = {"form": form, "members_url": _members_url(membership)}
    return render(request, "sosafe/membership_invite.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def member_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    _administrator(membership)
    member = _member_of(membership, pk)
    form = MembershipForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            members.membership_change(
                membership=_member_of(membership, pk),
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                job_title=form.cleaned_data["job_title"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Saved {member.user.get_full_name() or member.user}.")
            return redirect("sosafe:member-list", membership.partnership.slug)
    context = {"form": form, "member": member, "members_url": _members_url(membership)}
    return render(request, "sosafe/membership_form.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=POST_ONLY)
def member_set_active(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    _administrator(membership)
    member = _member_of(membership, pk)
    is_active = request.POST.get("active") == "1"
    try:
        members.membership_set_active(membership=member, is_active=is_active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "Reactivated" if is_active else "Deactivated"
        messages.success(request, f"{done} {member.user.get_full_name() or member.user}.")
    return redirect("sosafe:member-list", membership.partnership.slug)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def partnership_settings(request: HttpRequest, membership: Membership) -> HttpResponse:
    _administrator(membership)
    partnership = membership.partnership
    # A copy, so a refused change does not show in the page's own headings.
    editable = Partnership.objects.get(pk=partnership.pk)
    form = PartnershipSettingsForm(request.POST or None, instance=editable)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved the partnership's settings.")
        return redirect("sosafe:partnership-settings", partnership.slug)
    context = {"form": form, "members_url": _members_url(membership)}
    return render(request, "sosafe/partnership_settings.html", context)


# Django's password-reset confirmation, on the invitation's own address and page.
invite_accept = auth_views.PasswordResetConfirmView.as_view(
    template_name="sosafe/invite_accept.html",
    form_class=ChoosePasswordForm,
    success_url=reverse_lazy("sosafe:invite-accepted"),
)
invite_accepted = auth_views.PasswordResetCompleteView.as_view(
    template_name="sosafe/invite_accepted.html"
)

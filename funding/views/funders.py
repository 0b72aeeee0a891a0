from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from funding import rules, selectors, services
from funding.forms import FunderForm
from funding.models import BidStatus, Funder
from funding.views.bids import READ_MESSAGE
from sosafe.access import FORM, SAFE, Rule, partnership_view
from sosafe.concurrency import StaleEdit, stale_edit_response
from sosafe.models import Membership

MANAGE_MESSAGE = "Only coordinators add and change funders."


@partnership_view(rule=Rule(rules.can_read_bids, READ_MESSAGE), methods=SAFE)
def funder_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    successful = Q(bids__status=BidStatus.SUCCESSFUL)
    funders = (
        Funder.objects.filter(partnership=membership.partnership)
        .annotate(
            bid_count=Count("bids"),
            awards=Count("bids", filter=successful),
            secured=selectors.money_sum("bids__amount_awarded", filter=successful),
        )
        .order_by("name")
    )
    context = {"funders": funders, "can_manage": rules.can_manage_funding(membership)}
    return render(request, "funding/funder_list.html", context)


@partnership_view(rule=Rule(rules.can_manage_funding, MANAGE_MESSAGE), methods=FORM)
def funder_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = FunderForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        funder = services.funder_create(membership=membership, funder=form.save(commit=False))
        messages.success(request, f"Funder “{funder.name}” added.")
        return redirect("funding:funder-list", membership.partnership.slug)
    return render(request, "funding/funder_form.html", {"form": form, "funder": None})


@partnership_view(rule=Rule(rules.can_manage_funding, MANAGE_MESSAGE), methods=FORM)
def funder_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    funder = get_object_or_404(Funder, partnership=membership.partnership, pk=pk)
    saved_name = funder.name
    form = FunderForm(request.POST or None, instance=funder, membership=membership)
    context = {"form": form, "funder": funder, "saved_name": saved_name}
    if request.method == "POST" and form.is_valid():
        try:
            services.funder_update(
                membership=membership,
                funder=form.save(commit=False),
                seen_version=form.seen_version,
            )
        except StaleEdit as stale:
            return stale_edit_response(
                request,
                "funding/funder_form.html",
                context,
                current=stale.current,
                form_for=lambda data, current: FunderForm(
                    data, instance=current, membership=membership
                ),
                what="funder",
            )
        messages.success(request, f"Funder “{form.instance.name}” saved.")
        return redirect("funding:funder-list", membership.partnership.slug)
    return render(request, "funding/funder_form.html", context)

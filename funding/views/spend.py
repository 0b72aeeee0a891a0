from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from funding import rules, services
from funding.forms import SpendForm
from funding.models import Spend
from funding.views.bids import bid_or_404
from sosafe.access import EVERY_MEMBER, FORM, partnership_view, require
from sosafe.concurrency import StaleEdit, conflict_of, stale_edit_response
from sosafe.models import Membership

SPEND_MESSAGE = (
    "Spend is recorded by coordinators and by officers of the organisation delivering the bid."
)


def spend_or_404(membership: Membership, pk: int) -> Spend:
    spend = get_object_or_404(
        Spend.objects.select_related("bid__partnership"),
        bid__partnership=membership.partnership,
        pk=pk,
    )
    require(rules.can_record_spend(membership, spend.bid), SPEND_MESSAGE)
    return spend


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def spend_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    bid = bid_or_404(membership, pk)
    require(rules.can_record_spend(membership, bid), SPEND_MESSAGE)
    form = SpendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.spend_add(
                membership=membership,
                bid=bid,
                spent_on=form.cleaned_data["spent_on"],
                amount=form.cleaned_data["amount"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Spend recorded.")
            return redirect(bid)
    context = {"form": form, "bid": bid, "spend": None}
    return render(request, "funding/spend_form.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def spend_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    spend = spend_or_404(membership, pk)
    bid = spend.bid
    form = SpendForm(request.POST or None, instance=spend)
    context = {"form": form, "bid": bid, "spend": spend}
    if request.method == "POST" and form.is_valid():
        try:
            services.spend_update(
                membership=membership, spend=form.save(commit=False), seen_version=form.seen_version
            )
        except StaleEdit as stale:
            return stale_edit_response(
                request,
                "funding/spend_form.html",
                context,
                current=stale.current,
                form_for=lambda data, current: SpendForm(data, instance=current),
                what="spend entry",
            )
        messages.success(request, "Spend entry saved.")
        return redirect(bid)
    return render(request, "funding/spend_form.html", context)


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def spend_delete(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    spend = spend_or_404(membership, pk)
    bid = spend.bid
    conflict = None
    if request.method == "POST":
        try:
            seen_version = int(request.POST.get("version", ""))
        except ValueError:
            seen_version = -1
        try:
            services.spend_delete(membership=membership, spend=spend, seen_version=seen_version)
        except StaleEdit as exc:
            spend = exc.current
            conflict = conflict_of(
                spend,
                what="spend entry",
                heading="Someone changed this entry since you opened this page",
                kept_form=False,
                refused="It now reads as below; nothing was removed. Remove it only if that is "
                "still right.",
            )
        else:
            messages.success(request, "Spend entry removed.")
            return redirect(bid)
    context = {"bid": bid, "spend": spend, "conflict": conflict}
    return render(
        request, "funding/spend_confirm_delete.html", context, status=409 if conflict else 200
    )

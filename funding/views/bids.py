from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from funding import rules, selectors, services
from funding.filters import BidFilter
from funding.forms import BidForm
from funding.models import BidStatusChange, FundingBid
from sosafe.access import EVERY_MEMBER, FORM, SAFE, Rule, partnership_view, require
from sosafe.concurrency import StaleEdit, stale_edit_response
from sosafe.models import Membership

PAGE_SIZE = 100
READ_MESSAGE = (
    "Bids are partnership working papers; the scrutiny committee reads the funding summary."
)


def bid_or_404(membership: Membership, pk: int, queryset=None) -> FundingBid:
    queryset = FundingBid.objects.all() if queryset is None else queryset
    return get_object_or_404(
        queryset.select_related("partnership"), partnership=membership.partnership, pk=pk
    )


@partnership_view(rule=Rule(rules.can_read_bids, READ_MESSAGE), methods=SAFE)
def bid_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    bid_filter = BidFilter(
        request.GET or None, queryset=selectors.bids(partnership), partnership=partnership
    )
    filtered = bid_filter.qs
    totals = selectors.totals(filtered)
    paginator = Paginator(selectors.bid_rows(filtered), PAGE_SIZE)
    paginator.count = totals.count  # already counted with the totals
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": bid_filter,
        "bids": list(page.object_list),
        "page": page,
        "totals": totals,
        "is_filtered": bid_filter.is_filtered,
        "can_manage": rules.can_manage_funding(membership),
        "query": query.urlencode(),
    }
    return render(request, "funding/fundingbid_list.html", context)


@partnership_view(rule=Rule(rules.can_read_bids, READ_MESSAGE), methods=SAFE)
def bid_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    bid = bid_or_404(
        membership,
        pk,
        selectors.bid_rows(selectors.bids(membership.partnership)),
    )
    timeline = BidStatusChange.objects.filter(bid=bid).select_related("changed_by")
    context = {
        "bid": bid,
        "timeline": timeline,
        "edits": selectors.edit_history(bid),
        "spend_entries": bid.spend_entries.select_related("recorded_by"),
        "warnings": bid.spend_warnings(),
        "can_edit": rules.can_edit_bid(membership, bid),
        "can_record_spend": rules.can_record_spend(membership, bid) and bid.is_successful,
    }
    return render(request, "funding/fundingbid_detail.html", context)


@partnership_view(
    rule=Rule(rules.can_manage_funding, "Only coordinators record new bids."), methods=FORM
)
def bid_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    bid = FundingBid(partnership=membership.partnership)
    form = BidForm(request.POST or None, instance=bid, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            bid = services.bid_create(
                membership=membership,
                bid=form.save(commit=False),
                objectives=form.cleaned_data["objectives"],
                note=form.cleaned_data["status_note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Bid “{bid.title}” recorded.")
            return redirect(bid)
    return render(request, "funding/fundingbid_form.html", {"form": form, "bid": None})


@partnership_view(rule=EVERY_MEMBER, methods=FORM)
def bid_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    bid = bid_or_404(membership, pk)
    require(
        rules.can_edit_bid(membership, bid),
        "Only a coordinator or the delivering organisation's officers may edit this bid.",
    )
    saved_title = bid.title
    form = BidForm(request.POST or None, instance=bid, membership=membership)
    context = {"form": form, "bid": bid, "saved_title": saved_title}
    if request.method == "POST" and form.is_valid():
        try:
            bid = services.bid_update(
                membership=membership,
                bid=form.save(commit=False),
                seen_version=form.seen_version,
                objectives=form.cleaned_data["objectives"],
                note=form.cleaned_data["status_note"],
            )
        except StaleEdit as stale:
            return stale_edit_response(
                request,
                "funding/fundingbid_form.html",
                context,
                current=stale.current,
                form_for=lambda data, current: BidForm(
                    data, instance=current, membership=membership
                ),
                what="bid",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Bid “{bid.title}” saved.")
            return redirect(bid)
    return render(request, "funding/fundingbid_form.html", context)

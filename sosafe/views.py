from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from actionplan import selectors as actionplan_selectors
from referrals import selectors as referrals_selectors
from sosafe.access import partnership_view
from sosafe.models import Membership, Partnership


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the partnership for most people; a choice for those in several."""
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("partnership", "organisation")
    )
    if len(memberships) == 1 and not request.user.is_superuser:
        return redirect(memberships[0].partnership)
    partnerships = Partnership.objects.all() if request.user.is_superuser else []
    context = {"memberships": memberships, "partnerships": partnerships}
    return render(request, "sosafe/home.html", context)


@require_safe
@partnership_view
def partnership_detail(request: HttpRequest, membership: Membership) -> HttpResponse:
    partnership = membership.partnership
    context = {
        "partnership": partnership,
        "strategies": actionplan_selectors.strategies(partnership),
        "plans": actionplan_selectors.plans_with_progress(membership),
        "groups": partnership.groups.prefetch_related("members"),
        "organisations": partnership.organisations.all(),
        "referrals": referrals_selectors.home_summary(membership),
    }
    return render(request, "sosafe/partnership_detail.html", context)

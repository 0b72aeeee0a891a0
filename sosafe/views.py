from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

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

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from sosafe.models import Membership


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the partnership for most people; a choice for those in several."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True).select_related(
            "partnership", "organisation"
        )
    )
    if len(memberships) == 1:
        return redirect(memberships[0].partnership)
    context = {"memberships": memberships}
    return render(request, "sosafe/home.html", context)

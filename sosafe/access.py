"""Resolve the signed-in user's membership of the partnership named in the URL.

Every partnership page goes through ``partnership_view``: a user who is not a member of the
partnership gets 404 (its existence is not disclosed); what a member may not do gets 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from sosafe.models import Membership


def membership_for(user, partnership_slug: str) -> Membership:
    """The user's active membership of the partnership, or 404.

    A Django superuser is the site operator (Django admin), not a partnership role: without an
    active membership they are an outsider here like anyone else.
    """
    membership = (
        Membership.objects.select_related("partnership", "organisation", "user")
        .filter(user=user, partnership__slug=partnership_slug, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404("No such partnership.")
    return membership


def require(allowed: bool, message: str = "Your role does not allow this.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def partnership_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required; sets ``request.membership`` from the ``partnership`` URL argument."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, partnership: str, *args, **kwargs) -> HttpResponse:
        request.membership = membership_for(request.user, partnership)
        return view(request, request.membership, *args, **kwargs)

    return wrapper

"""Resolve the signed-in user's membership of the partnership named in the URL.

Every partnership page goes through ``partnership_view(rule=..., methods=...)``: other methods
answer 405, a user who is not a member of the partnership gets 404 (its existence is not
disclosed); what a member may not do gets 403 with the reason. tests/test_permission_matrix.py
fails for a routed portal view not declared this way.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from sosafe.models import Membership


def membership_for(user, partnership_slug: str) -> Membership:
    """The user's active membership of the partnership, or 404.

    A Django superuser is the site operator (Django admin), not a partnership role: without an
    active membership they are an outsider here like anyone else.
    """
    if isinstance(user, SimpleLazyObject):  # request.user: the user it stands for
        user.pk  # noqa: B018 (loads it)
        user = user._wrapped
    membership = (
        Membership.objects.select_related("partnership", "organisation")
        .filter(user=user, partnership__slug=partnership_slug, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404("No such partnership.")
    # The signed-in user is already loaded: no need to join their row again.
    membership.user = user
    return membership


def require(allowed: bool, message: str = "Your role does not allow this.") -> None:
    if not allowed:
        raise PermissionDenied(message)


SAFE = ("GET",)
FORM = ("GET", "POST")
POST_ONLY = ("POST",)


@dataclass(frozen=True)
class Rule:
    """Who may reach a view: ``allows(membership)`` (a function of the app's ``rules.py``);
    anyone else in the partnership gets 403 with ``reason``."""

    allows: Callable[[Membership], bool]
    reason: str = "Your role does not allow this."

    @property
    def name(self) -> str:
        return self.allows.__name__


def every_member(membership: Membership) -> bool:
    return True


EVERY_MEMBER = Rule(every_member)


@dataclass(frozen=True)
class Access:
    """What a portal view declared; the URLconf test reads it from ``view.access``."""

    rule: Rule
    methods: frozenset[str]


def partnership_view(*, rule: Rule, methods: Iterable[str]) -> Callable:
    """Declare a partnership page: closed by default, nothing has a default.

    In order: a method not in ``methods`` answers 405 (HEAD is allowed with GET); sign-in;
    ``request.membership`` from the ``partnership`` URL argument (404 outside it); ``rule``
    (403 with its reason). Finer, per-object checks stay in the view (``require``).
    """
    allowed = frozenset(m.upper() for m in methods)
    if not allowed or not allowed <= {"GET", "POST"}:
        raise ImproperlyConfigured(f"partnership_view methods must be GET and/or POST: {methods}")
    if not isinstance(rule, Rule):
        raise ImproperlyConfigured("partnership_view needs a sosafe.access.Rule.")
    answered = sorted(allowed | ({"HEAD"} if "GET" in allowed else set()))

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @require_http_methods(answered)
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, partnership: str, *args, **kwargs) -> HttpResponse:
            request.membership = membership_for(request.user, partnership)
            require(rule.allows(request.membership), rule.reason)
            return view(request, request.membership, *args, **kwargs)

        wrapper.access = Access(rule=rule, methods=allowed)
        return wrapper

    return decorate

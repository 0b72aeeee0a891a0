"""Sign-in protection (django-axes): who is throttled, which address counts, what they see."""

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


class SignInThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out user or address before the password is even checked.

    Every sign-in form (the portal's and the admin's) passes the request to `authenticate`.
    Calls without a request are the code's own (tests' `client.login`, shell sessions):
    there is no address to throttle, so they go straight to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The address to count failures against.

    Behind SIGNIN_TRUSTED_PROXIES proxies (each appending to X-Forwarded-For), the client is
    the entry that many places from the right; a client cannot forge entries to the right of
    its own. With no trusted proxy, the socket's address.
    """
    proxies = settings.SIGNIN_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The branded "too many attempts" page, saying when to try again."""
    cool_off = get_cool_off(request) or timedelta(minutes=settings.SIGNIN_COOLOFF_MINUTES)
    response: HttpResponse = render(
        request,
        "registration/locked_out.html",
        {
            "try_again_at": timezone.localtime(timezone.now() + cool_off),
            "minutes": int(cool_off.total_seconds() // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    return response

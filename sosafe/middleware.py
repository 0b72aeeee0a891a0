"""Response headers and session rules that apply to every page of the portal."""

import gzip
import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# The portal loads its scripts and styles from its own static files only. Inline <style>
# elements stay allowed because pygal's server-rendered SVG charts carry their colours in one;
# style attributes and every inline script are refused.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-elem 'self' 'unsafe-inline'",
        "style-src-attr 'none'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Browser features the portal never uses, switched off for it and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)
LAST_ACTIVITY_KEY = "last_activity"
# Record activity at most this often, so that a busy page does not write the session each time.
_ACTIVITY_RESOLUTION_SECONDS = 60


class SecurityHeadersMiddleware:
    """CSP and Permissions-Policy on every response; no-store on signed-in pages and downloads.

    Placed after WhiteNoise, so static files (which WhiteNoise answers itself) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        is_download = response.get("Content-Disposition", "").startswith("attachment")
        if is_download or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


def mark_activity(sender, request, user, **kwargs) -> None:
    """On sign-in: the idle clock starts now (connected to user_logged_in)."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Signs a person out after SESSION_IDLE_MINUTES without a request.

    The session's own expiry (SESSION_COOKIE_AGE) is the same length and moves on with each
    recorded activity, so an idle session is also gone from the session store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            idle_minutes = settings.SESSION_IDLE_MINUTES
            if last is not None and now - last > idle_minutes * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {idle_minutes} minutes without activity. "
                    "Sign in again to carry on.",
                )
            elif last is None or now - last >= _ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


# zlib's level 2 compresses a 300-action plan page (~340 KiB) about three times faster than
# Django's level 6, to ~15 KiB rather than ~10 KiB: CPU is what the server lacks, not bandwidth.
COMPRESSION_LEVEL = 2


def compress_page(content: bytes, max_random_bytes: int) -> bytes:
    """``django.utils.text.compress_string`` at COMPRESSION_LEVEL, padded as it is against
    BREACH: the gzip header carries a file name of random length (0 to max_random_bytes - 1)."""
    compressed = gzip.compress(content, compresslevel=COMPRESSION_LEVEL, mtime=0)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    padding = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + padding + compressed[10:]


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (same rules, same random padding), compressing pages at
    COMPRESSION_LEVEL; streamed responses are left to Django's own."""

    def process_response(self, request, response):
        if response.streaming:
            return super().process_response(request, response)
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress_page(response.content, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

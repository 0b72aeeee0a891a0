"""The one place an upload waits between its preview and its confirmation.

Kept in the user's session (database-backed: any server process can confirm it, only the
person who uploaded it can, and it goes when they sign out), under a random token that the
confirmation form posts back, scoped to the partnership and to the kind of import, and
forgotten after ``SPREADSHEET_PENDING_MINUTES``. At most a few wait per person, so two tabs
with two uploads do not mix; the oldest goes first.
"""

import base64
import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "spreadsheet-uploads"
MAX_WAITING = 3


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    file_format: str
    content: bytes


def _waiting(request: HttpRequest) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def _expired(entry: dict, now: datetime.datetime) -> bool:
    uploaded = datetime.datetime.fromisoformat(entry["uploaded"])
    return now - uploaded > datetime.timedelta(minutes=settings.SPREADSHEET_PENDING_MINUTES)


def pending_save(
    request: HttpRequest,
    *,
    kind: str,
    partnership_slug: str,
    name: str,
    file_format: str,
    content: bytes,
) -> str:
    """Keep the upload; the token goes into the confirmation form."""
    now = timezone.now()
    waiting = {t: e for t, e in _waiting(request).items() if not _expired(e, now)}
    for old in sorted(waiting, key=lambda t: waiting[t]["uploaded"])[: -(MAX_WAITING - 1)]:
        del waiting[old]
    token = secrets.token_urlsafe(16)
    waiting[token] = {
        "kind": kind,
        "partnership": partnership_slug,
        "user": request.user.pk,
        "name": name,
        "format": file_format,
        "content": base64.b64encode(content).decode("ascii"),
        "uploaded": now.isoformat(),
    }
    request.session[SESSION_KEY] = waiting
    return token


def pending_load(
    request: HttpRequest, *, kind: str, partnership_slug: str, token: str | None
) -> PendingUpload | None:
    """The upload under ``token`` if it is this person's, for this import and partnership,
    and not expired; else None."""
    entry = _waiting(request).get(token or "")
    if (
        entry is None
        or entry["kind"] != kind
        or entry["partnership"] != partnership_slug
        or entry["user"] != request.user.pk
        or _expired(entry, timezone.now())
    ):
        return None
    return PendingUpload(token, entry["name"], entry["format"], base64.b64decode(entry["content"]))


def pending_discard(request: HttpRequest, token: str) -> None:
    waiting = _waiting(request)
    if waiting.pop(token, None) is not None:
        request.session[SESSION_KEY] = waiting


def is_pending(request: HttpRequest, token: str) -> bool:
    return token in request.session.get(SESSION_KEY, {})

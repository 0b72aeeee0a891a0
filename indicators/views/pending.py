"""Uploads waiting between their preview and the confirmation, in the (database-backed)
session, keyed by a token so that two uploads in two tabs do not mix; a few at most per kind."""

import secrets

from django.http import HttpRequest

MAX_PENDING = 3


def keep(request: HttpRequest, kind: str, partnership_slug: str, data: dict) -> str:
    """Keep ``data`` for the partnership; returns the token that finds it again."""
    pending = dict(request.session.get(kind, {}))
    for old in list(pending)[: max(0, len(pending) - MAX_PENDING + 1)]:
        del pending[old]
    token = secrets.token_urlsafe(16)
    pending[token] = {**data, "partnership": partnership_slug}
    request.session[kind] = pending
    return token


def find(request: HttpRequest, kind: str, partnership_slug: str, token: str) -> dict | None:
    """What was kept under ``token`` for this partnership, or None."""
    stored = request.session.get(kind, {}).get(token)
    if not stored or stored["partnership"] != partnership_slug:
        return None
    return stored


def forget(request: HttpRequest, kind: str, token: str) -> None:
    pending = dict(request.session.get(kind, {}))
    pending.pop(token, None)
    request.session[kind] = pending

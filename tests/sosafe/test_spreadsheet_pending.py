"""The one pending-upload store: scoped to the person, the partnership and the import, and
forgotten after a while."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory, override_settings
from django.utils import timezone

from sosafe.spreadsheets.pending import (
    MAX_WAITING,
    SESSION_KEY,
    pending_discard,
    pending_load,
    pending_save,
)

pytestmark = pytest.mark.django_db


class User:
    def __init__(self, pk):
        self.pk = pk


def request_for(user, session=None):
    request = RequestFactory().post("/")
    request.session = session if session is not None else SessionStore()
    request.user = user
    return request


def save(request, **overrides):
    values = dict(
        kind="counts", partnership_slug="p1", name="a.csv", file_format="csv", content=b"x,y"
    )
    return pending_save(request, **(values | overrides))


def test_an_upload_comes_back_only_for_its_person_partnership_and_import():
    request = request_for(User(1))
    token = save(request)
    upload = pending_load(request, kind="counts", partnership_slug="p1", token=token)
    assert (upload.name, upload.file_format, upload.content) == ("a.csv", "csv", b"x,y")
    assert pending_load(request, kind="bids", partnership_slug="p1", token=token) is None
    assert pending_load(request, kind="counts", partnership_slug="p2", token=token) is None
    assert pending_load(request, kind="counts", partnership_slug="p1", token="other") is None
    assert pending_load(request, kind="counts", partnership_slug="p1", token=None) is None
    # The same session handed to someone else (e.g. after signing in as another user).
    someone_else = request_for(User(2), session=request.session)
    assert pending_load(someone_else, kind="counts", partnership_slug="p1", token=token) is None
    anonymous = request_for(AnonymousUser(), session=request.session)
    assert pending_load(anonymous, kind="counts", partnership_slug="p1", token=token) is None


@override_settings(SPREADSHEET_PENDING_MINUTES=30)
def test_an_upload_expires():
    request = request_for(User(1))
    token = save(request)
    entry = request.session[SESSION_KEY][token]
    entry["uploaded"] = (timezone.now() - datetime.timedelta(minutes=31)).isoformat()
    assert pending_load(request, kind="counts", partnership_slug="p1", token=token) is None


def test_a_few_wait_at_most_and_a_discarded_one_is_gone():
    request = request_for(User(1))
    tokens = [save(request, name=f"{n}.csv") for n in range(MAX_WAITING + 2)]
    assert list(request.session[SESSION_KEY]) == tokens[-MAX_WAITING:]
    pending_discard(request, tokens[-1])
    assert pending_load(request, kind="counts", partnership_slug="p1", token=tokens[-1]) is None
    assert pending_load(request, kind="counts", partnership_slug="p1", token=tokens[-2])

"""Sessions end at browser close and after SESSION_IDLE_MINUTES without a request."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from sosafe.middleware import LAST_ACTIVITY_KEY
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.officer.user)
    return client


def _page(world):
    return reverse("reports:home", args=[world.partnership.slug])


def _set_last_activity(client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_the_default_idle_period_is_an_hour(settings):
    assert settings.SESSION_IDLE_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 60 * 60


def test_the_session_cookie_ends_with_the_browser(client):
    factories.UserFactory(username="officer")
    response = client.post(reverse("login"), {"username": "officer", "password": "secret-password"})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(signed_in, world, settings):
    _set_last_activity(signed_in, settings.SESSION_IDLE_MINUTES * 60 + 1)
    response = signed_in.get(_page(world), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "_auth_user_id" not in signed_in.session
    assert "signed out after 60 minutes without activity" in response.content.decode()


def test_activity_within_the_limit_keeps_the_session_and_restarts_the_clock(
    signed_in, world, settings
):
    _set_last_activity(signed_in, settings.SESSION_IDLE_MINUTES * 60 - 5)
    before = time.time()
    response = signed_in.get(_page(world))
    assert response.status_code == 200
    assert signed_in.session[LAST_ACTIVITY_KEY] >= int(before)
    # The stored session now lives for another full idle period.
    stored = Session.objects.get(session_key=signed_in.session.session_key)
    remaining = (stored.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_IDLE_MINUTES * 60 - 30 < remaining <= settings.SESSION_IDLE_MINUTES * 60


def test_the_idle_period_is_a_setting(signed_in, world, settings):
    settings.SESSION_IDLE_MINUTES = 5
    _set_last_activity(signed_in, 6 * 60)
    response = signed_in.get(_page(world))
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_an_idle_session_is_gone_from_the_store_too(signed_in, world, settings):
    """Even without the middleware's check the stored session expires an hour after its use."""
    signed_in.get(_page(world))
    Session.objects.filter(session_key=signed_in.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = signed_in.get(_page(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

"""Sign-in protection (django-axes), password change and reset by email."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "secret-password"
LOGIN = "/accounts/login/"


def _sign_in(client, username, password, url=LOGIN, address="192.0.2.10"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, settings):
    factories.UserFactory(username="officer")
    for _ in range(30):
        _sign_in(client, "officer", "wrong")
    response = _sign_in(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_a_few_mistakes_do_not_lock_anyone_out(client, settings):
    factories.UserFactory(username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, "officer", "wrong")
        assert response.status_code == 200
    response = _sign_in(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_lockout_page_says_when_to_try_again(client, settings):
    factories.UserFactory(username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "officer", "wrong")
    response = _sign_in(client, "officer", PASSWORD)
    html = response.content.decode()
    assert "Too many failed sign-ins" in html
    assert re.search(r"Try again after \d\d:\d\d</strong> \(15 minutes from now\)", html)
    assert "SoSafe portal" in html  # the portal's own layout, not a bare message


def test_a_locked_username_is_refused_from_any_address(client, settings):
    factories.UserFactory(username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "officer", "wrong", address="192.0.2.10")
    response = _sign_in(client, "officer", PASSWORD, address="198.51.100.7")
    assert response.status_code == 429


def test_an_address_that_tried_many_usernames_is_refused(client, settings):
    factories.UserFactory(username="officer")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, f"guess{number}", "wrong", address="203.0.113.5")
    assert _sign_in(client, "officer", PASSWORD, address="203.0.113.5").status_code == 429
    assert _sign_in(client, "officer", PASSWORD, address="198.51.100.7").status_code == 302


def test_the_admin_sign_in_is_protected_too(client, settings):
    factories.UserFactory(username="operator", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "operator", "wrong", url=url)
    response = _sign_in(client, "operator", PASSWORD, url=url)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert not _signed_in(client)


def test_an_administrator_unlocks_in_the_django_admin(client, settings):
    factories.UserFactory(username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "officer", "wrong")
    assert _sign_in(client, "officer", PASSWORD).status_code == 429

    operator = factories.UserFactory(username="operator", is_staff=True, is_superuser=True)
    admin = type(client)()
    admin.force_login(operator)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    assert attempts
    changelist = reverse("admin:axes_accessattempt_changelist")
    response = admin.post(
        changelist,
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert _sign_in(client, "officer", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_a_wrong_password_error_is_tied_to_both_fields(client):
    factories.UserFactory(username="officer")
    html = _sign_in(client, "officer", "wrong").content.decode()
    assert "<title>Error: Sign in" in html
    assert 'id="form-errors"' in html
    for name in ("username", "password"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-describedby="form-errors"' in field
        assert 'aria-invalid="true"' in field


def test_password_reset_by_email_sends_a_link_that_works(client):
    factories.UserFactory(username="officer", email="officer@example.org")
    response = client.post(reverse("password_reset"), {"email": "officer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@example.org"]
    assert "SoSafe" in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert "Your new password is saved" in done.content.decode()
    assert _sign_in(type(client)(), "officer", new_password).status_code == 302
    # The link works once.
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(client):
    user = factories.UserFactory(username="officer")
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert "Change your password" in page.content.decode()
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    html = wrong.content.decode()
    assert "<title>Error: Change your password" in html
    assert 'href="#id_old_password"' in html
    new_password = "another-long-passphrase-7"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)

"""The portal's front door: the partnership chooser and signing in."""

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_sends_a_member_of_one_partnership_straight_to_it(world):
    response = world.client_for("officer").get(reverse("sosafe:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:home", args=["sosafe-test"])


def test_home_lists_the_partnerships_of_a_member_of_several(world):
    from tests import factories

    factories.MembershipFactory(user=world.member.user, partnership=world.other_partnership)
    response = world.client_for("member").get(reverse("sosafe:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SoSafe test" in html and "Elsewhere CSP" in html


def test_anonymous_is_asked_to_sign_in(world):
    for url in [reverse("sosafe:home"), reverse("reports:home", args=["sosafe-test"])]:
        response = world.client_for("anonymous").get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_superuser_is_not_a_member_of_every_partnership(world):
    """The superuser is the site operator's (Django admin), not a partnership role."""
    world.admin.user.is_superuser = world.admin.user.is_staff = True
    world.admin.user.save()
    client = world.client_for("admin")
    assert client.get(reverse("reports:home", args=["elsewhere"])).status_code == 404
    assert client.get(reverse("sosafe:member-list", args=["elsewhere"])).status_code == 404
    response = client.get(reverse("sosafe:home"))
    assert response.status_code == 302  # straight to the one partnership they belong to
    assert response["Location"] == reverse("reports:home", args=["sosafe-test"])


def test_a_deactivated_member_is_an_outsider(world):
    world.officer.is_active = False
    world.officer.save()
    client = world.client_for("officer")
    assert client.get(reverse("reports:home", args=["sosafe-test"])).status_code == 404
    html = client.get(reverse("sosafe:home")).content.decode()
    assert "not a member of any partnership" in html


def test_demo_sign_in_works_with_the_printed_password(demo, client):
    assert "password for all: sosafe-demo" in demo
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "sosafe-demo"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == "coordinator"


def test_no_missing_migrations():
    from io import StringIO

    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())

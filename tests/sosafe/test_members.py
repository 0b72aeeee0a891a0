"""Partnership administrators: members (invite, change, deactivate) and settings, per persona."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from sosafe.models import Membership, Role
from tests import factories
from tests.personas import VISITORS, expected_status
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db
ADMINS = {"admin"}
SLUG = "sosafe-test"


def _url(name, *args):
    return reverse(f"sosafe:{name}", args=[SLUG, *args])


def _pages(world):
    return {
        "member-list": _url("member-list"),
        "member-invite": _url("member-invite"),
        "member-edit": _url("member-edit", world.officer.pk),
        "partnership-settings": _url("partnership-settings"),
    }


@pytest.mark.parametrize("persona", VISITORS)
def test_only_administrators_open_the_pages(world, persona):
    client = world.client_for(persona)
    for name, url in _pages(world).items():
        response = client.get(url)
        assert response.status_code == expected_status(persona, ADMINS), (name, persona)
        if response.status_code == 200:
            assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("persona", VISITORS)
def test_only_administrators_change_anything(world, persona):
    client = world.client_for(persona)
    officer = world.officer
    posts = [
        (
            _url("member-invite"),
            {"email": "new@example.org", "first_name": "N", "last_name": "P", "role": Role.MEMBER},
        ),
        (
            _url("member-edit", officer.pk),
            {"role": Role.MEMBER, "organisation": "", "job_title": "x"},
        ),
        (_url("member-set-active", officer.pk), {"active": "0"}),
        (
            _url("partnership-settings"),
            {"name": "Renamed", "short_name": "R", "suppression_threshold": 3},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == expected_status(persona, ADMINS, ok=302), (url, persona)
    officer.refresh_from_db()
    world.partnership.refresh_from_db()
    changed = persona == "admin"
    assert (officer.role == Role.MEMBER) is changed
    assert (not officer.is_active) is changed
    assert (world.partnership.name == "Renamed") is changed
    assert Membership.objects.filter(user__email="new@example.org").exists() is changed


def test_the_deactivate_action_accepts_only_post(world):
    url = _url("member-set-active", world.officer.pk)
    assert world.client_for("admin").get(url).status_code == 405


def test_member_list_shows_active_and_deactivated_members(world):
    world.member.is_active = False
    world.member.save()
    factories.MembershipFactory(partnership=world.other_partnership, user__email="far@example.org")
    html = world.client_for("admin").get(_url("member-list")).content.decode()
    assert world.officer.user.email in html and world.member.user.email in html
    assert "Deactivated members (1)" in html and "Active members (5)" in html
    assert "far@example.org" not in html


def test_member_list_query_count_is_fixed(world):
    def build(n):
        for _ in range(n):
            factories.MembershipFactory(
                partnership=world.partnership, role=Role.OFFICER, organisation=world.other_org
            )
        return _url("member-list")

    assert_fixed_queries(world.client_for("admin"), build, sizes=(1, 15))


def test_a_member_of_another_partnership_cannot_be_reached_through_this_one(world):
    client = world.client_for("admin")
    assert client.get(_url("member-edit", world.outsider.pk)).status_code == 404
    assert (
        client.post(_url("member-set-active", world.outsider.pk), {"active": "0"}).status_code
        == 404
    )
    world.outsider.refresh_from_db()
    assert world.outsider.is_active


def _invite(client, **data):
    form = {
        "first_name": "Neighbourhood",
        "last_name": "Sergeant",
        "role": Role.OFFICER,
        "job_title": "Sergeant",
        **data,
    }
    return client.post(_url("member-invite"), form)


def test_inviting_a_new_person_creates_an_account_and_sends_a_set_password_link(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            world.client_for("admin"), email="Sergeant@Example.org", organisation=world.other_org.pk
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="Sergeant@example.org")
    assert (membership.role, membership.organisation, membership.partnership) == (
        Role.OFFICER,
        world.other_org,
        world.partnership,
    )
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Sergeant@example.org"]
    link = re.search(r"http://testserver(/accounts/invitation/\S+)", mail.outbox[0].body).group(1)

    client = Client()
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "a-long-new-pass-9", "new_password2": "a-long-new-pass-9"}
    )
    assert done.status_code == 302
    assert client.login(username="sergeant@example.org", password="a-long-new-pass-9")
    # The link works once.
    again = Client().get(link, follow=True).content.decode()
    assert "no longer valid" in again


def test_inviting_someone_with_an_account_reuses_it(world, django_capture_on_commit_callbacks):
    user = world.outsider.user
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(world.client_for("admin"), email=user.email.upper(), role=Role.MEMBER)
    assert response.status_code == 302
    assert Membership.objects.get(user=user, partnership=world.partnership).role == Role.MEMBER
    assert get_user_model().objects.filter(email__iexact=user.email).count() == 1
    assert "/accounts/invitation/" not in mail.outbox[0].body
    assert "/accounts/login/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"email": "officer@example.org", "role": Role.MEMBER}, "email", "already a member"),
        ({"email": "new@example.org", "organisation": ""}, "organisation", "lead officer"),
    ],
)
def test_an_invitation_with_a_problem_says_what_to_fix_and_keeps_what_was_typed(
    world, data, field, message
):
    response = _invite(world.client_for("admin"), **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert message in html
    assert f'href="#id_{field}"' in html
    assert 'value="Neighbourhood"' in html
    assert not mail.outbox


def test_changing_role_and_organisation(world):
    response = world.client_for("admin").post(
        _url("member-edit", world.member.pk),
        {"role": Role.OFFICER, "organisation": world.other_org.pk, "job_title": "Analyst"},
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert (world.member.role, world.member.organisation, world.member.job_title) == (
        Role.OFFICER,
        world.other_org,
        "Analyst",
    )


def test_an_organisation_of_another_partnership_is_refused(world):
    elsewhere = world.outsider.organisation
    response = world.client_for("admin").post(
        _url("member-edit", world.member.pk),
        {"role": Role.OFFICER, "organisation": elsewhere.pk, "job_title": ""},
    )
    assert response.status_code == 200 and "<title>Error: " in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.organisation is None


def test_the_last_administrator_cannot_be_demoted_or_deactivated(world):
    client = world.client_for("admin")
    response = client.post(
        _url("member-edit", world.admin.pk),
        {"role": Role.COORDINATOR, "organisation": world.lead_org.pk, "job_title": ""},
    )
    assert response.status_code == 200
    assert "at least one active administrator" in response.content.decode()
    response = client.post(_url("member-set-active", world.admin.pk), {"active": "0"}, follow=True)
    assert "at least one active administrator" in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN and world.admin.is_active


def test_with_a_second_administrator_one_may_step_down(world):
    factories.MembershipFactory(partnership=world.partnership, role=Role.ADMIN)
    client = world.client_for("admin")
    response = client.post(_url("member-set-active", world.admin.pk), {"active": "0"})
    assert response.status_code == 302
    world.admin.refresh_from_db()
    assert not world.admin.is_active
    assert client.get(_url("member-list")).status_code == 404


def test_deactivated_members_get_404_and_reactivation_restores_access(world):
    admin = world.client_for("admin")
    officer = world.client_for("officer")
    home = reverse("reports:home", args=[SLUG])
    admin.post(_url("member-set-active", world.officer.pk), {"active": "0"})
    assert officer.get(home).status_code == 404
    admin.post(_url("member-set-active", world.officer.pk), {"active": "1"})
    assert officer.get(home).status_code == 200


def test_settings_save_name_and_suppression_threshold(world):
    response = world.client_for("admin").post(
        _url("partnership-settings"),
        {"name": "SoSafe Stevenage", "short_name": "SoSafe", "suppression_threshold": 10},
    )
    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert (world.partnership.name, world.partnership.suppression_threshold) == (
        "SoSafe Stevenage",
        10,
    )


def test_settings_errors_keep_the_page_whole(world):
    response = world.client_for("admin").post(
        _url("partnership-settings"),
        {"name": "Typed name", "short_name": "", "suppression_threshold": 0},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert 'href="#id_short_name"' in html and 'href="#id_suppression_threshold"' in html
    assert 'value="Typed name"' in html
    assert reverse("indicators:area-edit", args=[SLUG]) in html
    world.partnership.refresh_from_db()
    assert world.partnership.name == "SoSafe test"


def test_the_suppression_threshold_defaults_to_the_setting(settings):
    settings.PUBLIC_SUPPRESSION_THRESHOLD = 7
    assert factories.PartnershipFactory().suppression_threshold == 7


def test_only_an_administrator_sees_the_members_link(world):
    home = reverse("reports:home", args=[SLUG])
    assert _url("member-list") in world.client_for("admin").get(home).content.decode()
    assert _url("member-list") not in world.client_for("coordinator").get(home).content.decode()

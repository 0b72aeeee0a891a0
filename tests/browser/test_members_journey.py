"""A partnership administrator invites a member (fixing an error first), changes a role,
deactivates someone and edits the settings; each page and each form in its error state
passes axe."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sosafe.models import Membership, Partnership, Role
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    return Partnership.objects.get(slug="sosafe")


def test_administrator_manages_members_and_settings(page, live_server, demo):
    sign_in(page, live_server, "admin", "sosafe-demo")
    page.get_by_role("link", name="Members", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Members of"))
    assert_accessible(page)

    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill("sergeant@example.org")
    page.get_by_label("First name").fill("Neighbourhood")
    page.get_by_label("Last name").fill("Sergeant")
    page.get_by_label("Role").select_option(label="Lead officer (JAG)")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert").filter(has_text="to fix")
    expect(summary).to_contain_text("A lead officer must belong to an organisation.")
    expect(page.get_by_label("First name")).to_have_value("Neighbourhood")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Organisation")).to_be_focused()
    page.get_by_label("Organisation").select_option(label="Police")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invited sergeant@example.org")
    invited = Membership.objects.get(user__email="sergeant@example.org")
    assert (invited.role, invited.organisation.short_name) == (Role.OFFICER, "Police")

    page.get_by_role("link", name="Change RAG Chair").click()
    page.get_by_label("Role").select_option(label="Scrutiny committee")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved RAG Chair")
    page.get_by_role("button", name="Deactivate Committee Councillor").click()
    expect(page.get_by_role("status")).to_contain_text("Deactivated Committee Councillor")
    expect(page.get_by_role("button", name="Reactivate Committee Councillor")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change Portal Administrator").click()
    page.get_by_label("Role").select_option(label="RAG member")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("at least one active administrator")
    assert_accessible(page)

    page.goto(f"{live_server.url}/p/sosafe/settings/")
    assert_accessible(page)
    page.get_by_label("Suppression threshold for public figures").fill("0")
    page.get_by_role("button", name="Save the settings").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("Suppression threshold for public figures").fill("10")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_role("status")).to_contain_text("Saved the partnership's settings")
    demo.refresh_from_db()
    assert demo.suppression_threshold == 10


def test_invitation_page_passes_axe_in_its_error_state(page, live_server, demo):
    from sosafe.members import set_password_url
    from tests.factories import UserFactory

    user = UserFactory(username="newcomer", password=None)
    user.set_unusable_password()
    user.save()
    page.goto(set_password_url(user, live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    assert_accessible(page)
    page.locator("#id_new_password1").fill("short")
    page.locator("#id_new_password2").fill("different")
    page.get_by_role("button", name="Set my password").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.locator("#id_new_password1").fill("a-long-new-pass-9")
    page.locator("#id_new_password2").fill("a-long-new-pass-9")
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is set")
    assert_accessible(page)

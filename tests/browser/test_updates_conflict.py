"""Two people edit the same update in two browsers: the second save is refused with what
changed, and nothing either typed is lost."""

import re

import pytest
from playwright.sync_api import expect

from actionplan.models import ActionLead, ProgressUpdate
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_people(browser):
    """Two browser contexts: two people, each signed in on their own."""
    contexts = [browser.new_context(), browser.new_context()]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def test_the_second_save_is_refused_and_shows_both_versions(two_people, live_server, demo):
    action_id = ActionLead.objects.filter(officer_role="Community Safety Team").values_list(
        "action", flat=True
    )[0]
    url = f"{live_server.url}/p/sosafe/actions/{action_id}/updates/4/"
    officer, coordinator = two_people
    sign_in(officer, live_server, "officer", "sosafe-demo")
    sign_in(coordinator, live_server, "coordinator", "sosafe-demo")
    officer.goto(url)
    coordinator.goto(url)

    narrative = "What happened this quarter, and what comes next"
    officer.get_by_label(narrative).fill("The officer's account of Q4.")
    officer.get_by_role("button", name="Submit").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("My actions")

    coordinator.get_by_label(narrative).fill("The coordinator's account of Q4.")
    coordinator.get_by_label("Status this quarter").select_option(label="At risk")
    coordinator.get_by_role("button", name="Save draft").click()
    conflict = coordinator.get_by_role("alert")
    expect(conflict).to_contain_text("Someone else saved this update while you were editing it")
    expect(conflict).to_contain_text("Community Safety Officer saved it")
    changes = conflict.get_by_role("table", name="What they saved that differs from what you typed")
    expect(changes.get_by_role("row", name=re.compile("^What happened"))).to_contain_text(
        "The officer's account of Q4."
    )
    expect(coordinator.get_by_label(narrative)).to_have_value("The coordinator's account of Q4.")
    expect(coordinator.get_by_label("Status this quarter")).to_have_value("at_risk")
    assert_accessible(coordinator)

    update = ProgressUpdate.objects.get(action_id=action_id, quarter=4)
    assert update.narrative == "The officer's account of Q4."
    assert update.state == "submitted"

    # Having read the officer's version, the coordinator keeps theirs on purpose.
    coordinator.get_by_role("button", name="Save draft").click()
    expect(coordinator.get_by_text(re.compile("Draft of the Q4 2017/18 update"))).to_be_visible()
    update.refresh_from_db()
    assert (update.narrative, update.state) == ("The coordinator's account of Q4.", "draft")

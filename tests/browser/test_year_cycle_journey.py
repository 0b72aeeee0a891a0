"""The year's turn in a real Chromium: the coordinator closes Q4 through its confirmation page,
closes the plan, rolls it forward, approves the new draft (after a mistake in the date) and
opens its Q1; the officer sees their actions read only between quarters. Axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from actionplan.models import Action, ActionPlan
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "SoSafe Community Safety Action Plan 2017/18"


def test_closing_q4_rolling_forward_approving_and_opening_the_next_q1(page, live_server, demo):
    # The demo rolled 2017/18 forward into its 2018/19 draft when it loaded; remove that draft
    # so that the coordinator rolls the plan forward here, through the pages.
    ActionPlan.objects.filter(year="2018/19").delete()
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/chasing/")
    page.get_by_role("link", name="Close Q4 for updates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close Q4 2017/18 for updates?")
    expect(page.get_by_role("table")).to_contain_text("Drafts, not submitted")
    assert_accessible(page)
    page.get_by_role("link", name="No, go back to the Q4 updates").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Q4 2017/18 updates")
    page.get_by_role("link", name="Close Q4 for updates").click()
    page.get_by_role("button", name="Yes, close Q4").click()
    expect(page.get_by_text("Q4 2017/18 is closed: its updates are frozen")).to_be_visible()

    page.goto(f"{live_server.url}/p/sosafe/chasing/")
    expect(page.locator("#next-step")).to_contain_text("roll this plan forward")
    assert_accessible(page)

    page.goto(f"{live_server.url}/p/sosafe/plans/2017-18/")
    page.get_by_role("link", name="Close the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Close {PLAN}?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, close the plan").click()
    expect(page.get_by_text(f"{PLAN} is closed")).to_be_visible()
    page.get_by_role("link", name="Roll forward to 2018/19").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Roll {PLAN} forward to 2018/19")
    expect(page.get_by_role("heading", name=re.compile("Will stay behind"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create the 2018/19 draft plan").click()
    expect(page.locator("#roll-result")).to_contain_text("Rolled forward")
    assert_accessible(page)
    new_plan = ActionPlan.objects.get(year="2018/19")
    carried = Action.objects.filter(aim__theme__plan=new_plan).count()
    expect(page.get_by_role("heading", name=f"Carried forward ({carried})")).to_be_visible()

    page.get_by_role("link", name=new_plan.title).first.click()
    page.get_by_role("link", name="Record RAG's approval").click()
    page.get_by_label("Approved by RAG on").fill("2099-01-01")
    page.get_by_role("button", name="Record the approval").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("not a future date")
    assert_accessible(page)
    page.get_by_label("Approved by RAG on").fill("2018-05-24")
    page.get_by_role("button", name="Record the approval").click()
    expect(page.get_by_text("is approved by RAG")).to_be_visible()

    page.goto(f"{live_server.url}/p/sosafe/chasing/")
    page.get_by_role("link", name="Open 2018/19 Q1 for updates").click()
    page.get_by_label("Deadline for updates").fill("2099-07-14")
    page.get_by_role("button", name=re.compile("Open")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Q1 2018/19 updates")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/my-actions/")
    expect(page.get_by_text("Q1 2018/19 updates for")).to_be_visible()
    assert_accessible(page)


def test_my_actions_between_quarters_passes_axe(page, live_server, demo):
    from actionplan import services
    from actionplan.models import ReportingQuarter
    from sosafe.models import Membership

    coordinator = Membership.objects.get(user__username="coordinator")
    services.quarter_close(membership=coordinator, window=ReportingQuarter.objects.get())
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/my-actions/")
    expect(page.get_by_role("heading", name="No quarter is open for updates")).to_be_visible()
    # The demo's 2018/19 plan is still a draft: its Q1 waits for RAG's approval.
    expect(page.locator("#no-quarter-open")).to_contain_text("once RAG approves it")
    assert_accessible(page)

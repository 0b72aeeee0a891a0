"""Writing next year's plan in a real Chromium: the coordinator creates a draft plan (after a
mistake), adds a theme, an aim, two actions (one with a lead and a numeric outcome), moves the
second above the first with the keyboard, and sees them on the plan page. Axe on every new page
and on a form's error state."""

import re

import pytest
from playwright.sync_api import expect

from actionplan.models import Strategy
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_writes_a_draft_plan(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/plans/2017-18/")
    page.get_by_role("link", name="Edit plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit SoSafe")
    assert_accessible(page)

    page.get_by_role("link", name="Create another plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an action plan")
    expect(page.get_by_label("Financial year")).to_have_value("2019/20")
    assert_accessible(page)
    page.get_by_role("button", name="Create the draft plan").click()  # no title
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator("#error-summary")).to_contain_text("Title")
    assert_accessible(page)
    page.get_by_label("Title").fill("Action plan 2019/20")
    page.get_by_label("Strategy").select_option(label="SoSafe Community Safety Strategy 2018–2021")
    page.get_by_role("button", name="Create the draft plan").click()
    expect(page.get_by_text("is created as a draft")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Action plan 2019/20")
    assert_accessible(page)

    page.get_by_role("link", name="Add a theme").click()
    expect(page.get_by_label("Number")).to_have_value("1")
    page.get_by_label("Title").fill("Antisocial behaviour")
    page.get_by_role("checkbox").first.check()
    assert_accessible(page)
    page.get_by_role("button", name="Add").click()

    page.get_by_role("link", name="Add an aim to theme 1").click()
    page.get_by_label("Aim").fill("Prevent young people becoming involved in ASB")
    assert_accessible(page)
    page.get_by_role("button", name="Add").click()

    page.get_by_role("link", name="Add an action to aim 1.1").click()
    expect(page.get_by_label("Letter")).to_have_value("a")
    page.get_by_label("Action", exact=False).first.fill("Run diversionary sessions")
    page.get_by_label("Organisation").select_option(index=1)
    page.get_by_label("Lead officer's role").fill("Youth Services Manager")
    page.get_by_label("Expected outcome").fill("Sessions delivered")
    page.get_by_label("Numeric target (optional)").fill("12")
    page.get_by_role("textbox", name="Unit", exact=True).fill("sessions")
    assert_accessible(page)
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("The action 1.1 a) is saved")).to_be_visible()

    page.get_by_role("link", name="Add an action to aim 1.1").click()
    page.get_by_label("Letter").fill("B!")
    page.get_by_label("Action", exact=False).first.fill("Hold a youth forum")
    page.get_by_role("button", name="Add the action").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Action", exact=False).first).to_have_value("Hold a youth forum")
    assert_accessible(page)
    page.get_by_label("Letter").fill("b")
    page.get_by_role("button", name="Add the action").click()

    move = page.get_by_role("button", name="Move up action 1.1 b)")
    move.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Moved up.")).to_be_visible()
    cards = page.locator("li.card")
    expect(cards.first).to_contain_text("Hold a youth forum")
    expect(cards.first).to_contain_text("1.1 a)")
    expect(cards.nth(1)).to_contain_text("Sessions delivered (target 12 sessions)")
    assert_accessible(page)

    page.get_by_role("link", name="Delete action 1.1 b)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete the action")
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="View the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan 2019/20")
    expect(page.get_by_text("Hold a youth forum")).to_be_visible()
    expect(page.get_by_text("Run diversionary sessions")).to_be_visible()


def test_the_strategy_pages_pass_axe(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    strategy = Strategy.objects.order_by("pk").first()
    page.goto(f"{live_server.url}{strategy.get_absolute_url()}")
    page.get_by_role("link", name="Edit strategy and its aims").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit")
    assert_accessible(page)
    page.get_by_label("End year").fill("1999")
    page.get_by_role("button", name="Save the strategy").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.go_back()
    page.go_back()
    page.get_by_role("link", name="Add an objective").click()
    assert_accessible(page)

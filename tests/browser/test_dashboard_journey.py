"""A RAG member opens the dashboard from the navigation, switches quarter and follows an
exception to its action."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.reports.dashboard_data import small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rag_member_reads_the_dashboard(page, live_server, world):
    small_plan(world)
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/p/{world.partnership.slug}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard: Plan 2024/25, Q2 2024/25")
    expect(page.locator("figure svg[role=img]")).to_be_visible()
    expect(page.locator("#outcomes-achieved")).to_contain_text("2 of 5")
    assert_accessible(page)

    switch = page.get_by_role("navigation", name="Dashboard period")
    switch.get_by_role("link", name="Q1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard: Plan 2024/25, Q1 2024/25")
    expect(page.locator("#outcomes-achieved")).to_contain_text("0 of 5")
    assert_accessible(page)

    switch = page.get_by_role("navigation", name="Dashboard period")
    switch.get_by_role("link", name="Q2", exact=True).click()
    off_track = page.get_by_role("list", name="Off track (1)")
    expect(off_track).to_contain_text("Venue lost; behind plan.")
    off_track.get_by_role("link", name="Action 1.1 a)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1.1 a)")
    expect(page.locator(".lead")).to_have_text("Action A")

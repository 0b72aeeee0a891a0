import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from actionplan.models import Action, Strategy
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_signs_in_and_reads_the_action_plan(page, live_server, demo):
    sign_in(page, live_server, "rag", "sosafe-demo")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("SoSafe"))
    assert_accessible(page)

    page.get_by_role("link", name="SoSafe Community Safety Action Plan 2017/18").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "SoSafe Community Safety Action Plan 2017/18"
    )
    expect(page.get_by_role("heading", level=2, name="1. Antisocial behaviour")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("42 actions")
    assert_accessible(page)

    page.get_by_label("Search").fill("fly-tipping")
    page.get_by_label("Theme").select_option(label="1. Antisocial behaviour")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("status").first).to_contain_text("match")
    rows = page.locator("table.plan-table tbody tr")
    assert rows.count() >= 1
    assert_accessible(page)

    rows.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Action 1\.\d"))
    expect(page.get_by_role("heading", name="Q4 2017/18 (Jan–Mar 2018)")).to_be_visible()
    assert_accessible(page)


def test_every_page_built_here_passes_axe(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    # The demo's actions are all public, as its source paper published them: restrict one
    # here so that a restricted action's page is checked too.
    restricted = Action.objects.order_by("pk").first()
    Action.objects.filter(pk=restricted.pk).update(restricted=True)
    paths = [
        "/",
        "/p/sosafe/",
        *[f"/p/sosafe/strategies/{s.pk}/" for s in Strategy.objects.all()],
        "/p/sosafe/plans/2017-18/",
        "/p/sosafe/plans/2017-18/?status=at_risk",
        f"/p/sosafe/actions/{restricted.pk}/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)


def test_sign_in_page_and_error_pass_axe(page, live_server, demo):
    page.goto(f"{live_server.url}/p/sosafe/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert_accessible(page)
    page.get_by_label("Username").fill("rag")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    assert_accessible(page)


def test_home_list_and_error_pages_pass_axe(page, live_server, demo):
    from tests import factories

    other = factories.PartnershipFactory(name="Elsewhere CSP", slug="elsewhere")
    rag = get_user_model().objects.get(username="rag")
    factories.MembershipFactory(user=rag, partnership=other)
    sign_in(page, live_server, "rag", "sosafe-demo")  # a member of two: home lists them
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")
    assert_accessible(page)
    page.goto(f"{live_server.url}/p/no-such-partnership/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, "scrutiny", "sosafe-demo")
    response = page.goto(f"{live_server.url}/p/sosafe/plans/2017-18/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    assert_accessible(page)

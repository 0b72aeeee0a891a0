"""With the Content-Security-Policy enforced (no bypass), pages, menus and charts still work."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from funding.models import FundingBid
from referrals.models import Service
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strict_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield page
    context.close()


def _violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations")


def test_pages_menus_and_charts_work_under_the_policy(strict_page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    page = strict_page
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    assert _violations(page) == []

    service = Service.objects.filter(partnership__slug="sosafe").order_by("pk").first()
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(f"{live_server.url}/p/sosafe/referrals/services/{service.pk}/")
    # The chart is drawn in its own colours: pygal's <style> applied, nothing blocked.
    chart = page.locator(".trend-chart svg")
    expect(chart).to_be_visible()
    fill = page.evaluate(
        "() => getComputedStyle(document.querySelector('.trend-chart svg .background')).fill"
    )
    assert fill not in ("", "rgb(0, 0, 0)"), fill
    # Bootstrap's menu (the portal's only script) opens and closes.
    page.get_by_role("button", name="Show or hide the menu").click()
    expect(page.get_by_role("link", name="Change password")).to_be_visible()

    assert FundingBid.objects.exists()
    page.goto(f"{live_server.url}/p/sosafe/funding/summary/")
    expect(page.locator("svg").first).to_be_visible()
    assert _violations(page) == []


def test_status_icons_come_from_the_sprite_under_the_policy(strict_page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    page = strict_page
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    with page.expect_response(lambda response: "icons" in response.url) as sprite:
        page.goto(f"{live_server.url}/p/sosafe/plans/2017-18/")
    assert sprite.value.ok
    assert "image/svg+xml" in sprite.value.headers["content-type"]
    badge = page.locator(".status").first
    expect(badge).to_be_visible()
    expect(badge.locator("use")).to_have_attribute("href", re.compile(r"/icons\.svg#[a-z-]+$"))
    assert _violations(page) == []

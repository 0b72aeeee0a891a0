"""Every page of the portal, and every form in its error state, passes axe-core (WCAG 2.2 AA
and best practice) and reflows at 320 CSS pixels without scrolling sideways."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from funding.models import FundingBid
from referrals.models import ReferralReturn, Service
from sosafe.models import Partnership
from tests.browser.conftest import assert_accessible, assert_reflows, sign_in
from tests.test_smoke import P, _pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def _check(page, url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)
    assert_reflows(page)
    assert_accessible(page)  # the narrow layout too (the menu collapses, tables scroll)
    page.set_viewport_size(DESKTOP)


def test_every_page_passes_axe_and_reflows(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    for name, kwargs in _pages().items():
        _check(page, live_server.url + reverse(name, kwargs={"partnership": P, **kwargs}))
    for name in ("password_change", "password_change_done"):
        _check(page, live_server.url + reverse(name))

    page.context.clear_cookies()
    for name in ("login", "password_reset", "password_reset_done", "password_reset_complete"):
        _check(page, live_server.url + reverse(name))
    _check(page, f"{live_server.url}/accounts/password/reset/MQ/not-a-token/")


def test_the_pages_that_scrolled_sideways_at_320px_now_reflow(page, live_server, demo):
    """The referral grid, a service page and a quarter page: screen-reader-only captions used
    to escape their scrolling tables and widen the page."""
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    service = Service.objects.filter(partnership__slug=P).order_by("pk").first()
    for path in (
        "/p/sosafe/referrals/entry/",
        f"/p/sosafe/referrals/services/{service.pk}/",
        "/p/sosafe/plans/2017-18/quarters/4/",
    ):
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + path)
        assert_reflows(page)


def test_a_partnership_with_no_groups_passes_axe(page, live_server, demo):
    """Its about page (where the groups are listed) has no empty definition list."""
    empty = Partnership.objects.create(name="Quiet CSP", short_name="Quiet", slug="quiet")
    from sosafe.models import Membership, Role

    user = Membership.objects.get(partnership__slug=P, user__username="coordinator").user
    Membership.objects.create(user=user, partnership=empty, role=Role.COORDINATOR)
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(live_server.url + reverse("reports:about", args=["quiet"]))
    expect(page.get_by_text("No groups entered.")).to_be_visible()
    assert_accessible(page)


def _submit_and_check(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size(DESKTOP)
    # Each linked problem leads to its field, and the field names the problem.
    link = summary.get_by_role("link").first
    if link.count():
        target = link.get_attribute("href").lstrip("#")
        link.click()
        field = page.locator(f"#{target}")
        expect(field).to_be_focused()
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        assert described, f"#{target} is not tied to its error message"


def test_every_form_in_its_error_state(page, live_server, demo):
    service = Service.objects.filter(partnership__slug=P).order_by("pk").first()
    referral = ReferralReturn.objects.filter(service__partnership__slug=P).order_by("pk").first()
    bid = FundingBid.objects.filter(partnership__slug=P, status="successful").first()
    base = f"{live_server.url}/p/{P}"

    # Sign-in: a wrong password, tied to both fields.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("wrong")
    _submit_and_check(page, "Sign in")
    for label in ("Username", "Password"):
        expect(page.get_by_label(label)).to_have_attribute("aria-describedby", "form-errors")

    page.goto(f"{live_server.url}/accounts/password/reset/")
    page.get_by_label("Email").fill("not an address")
    _submit_and_check(page, "Send the link")

    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/accounts/password/change/")
    page.get_by_label("Old password").fill("wrong")
    _submit_and_check(page, "Change password")

    page.goto(f"{base}/funding/funders/new/")
    _submit_and_check(page, "Add funder")

    page.goto(f"{base}/funding/bids/new/")
    _submit_and_check(page, "Record bid")

    page.goto(f"{base}/funding/bids/{bid.pk}/spend/new/")
    page.get_by_label("Amount").fill("lots")
    _submit_and_check(page, "Record spend")

    page.goto(f"{base}/funding/import/")
    _submit_and_check(page, "Preview import")

    page.goto(f"{base}/referrals/services/new/")
    _submit_and_check(page, "Save the service")

    page.goto(
        f"{base}/referrals/services/{service.pk}/returns/{referral.year.slug}/q{referral.quarter}/"
    )
    page.get_by_label("Count", exact=True).fill("many")
    _submit_and_check(page, "Save the count")

    page.goto(f"{base}/referrals/import/")
    _submit_and_check(page, "Check the file")


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css: str) -> tuple[int, int, int] | None:
    match = re.search(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css)
    if not match or (match.group(4) is not None and float(match.group(4)) < 1):
        return None  # no colour, or a see-through one: not a dependable indicator
    return tuple(int(match.group(i)) for i in (1, 2, 3))


def _focus_contrast(page, selector: str, background_selector: str) -> float:
    page.keyboard.press("Tab")  # keyboard use, so that :focus-visible applies
    page.locator(selector).first.focus()
    page.wait_for_timeout(400)  # Bootstrap eases box-shadows in over 0.15s
    style = page.evaluate(
        """([sel, bg]) => {
          const s = getComputedStyle(document.querySelector(sel));
          const none = s.outlineStyle === 'none' || s.outlineWidth === '0px';
          return {outline: none ? '' : s.outlineColor,
                  shadow: s.boxShadow,
                  background: getComputedStyle(document.querySelector(bg)).backgroundColor};
        }""",
        [selector, background_selector],
    )
    background = _rgb(style["background"])
    colours = [c for c in (_rgb(style["outline"]), _rgb(style["shadow"])) if c]
    return max((_contrast(c, background) for c in colours), default=1.0)


def test_focus_indicators_stand_out_at_3_to_1(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/p/{P}/funding/funders/new/")
    assert _focus_contrast(page, ".navbar .nav-link", ".navbar") >= 3
    assert _focus_contrast(page, ".navbar .btn", ".navbar") >= 3
    assert _focus_contrast(page, "main input.form-control", "body") >= 3
    assert _focus_contrast(page, "main .btn-primary", "body") >= 3

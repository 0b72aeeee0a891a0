"""Real Chromium through Playwright, against Django's live server.

On a developer's machine without Chromium the browser tests skip with a notice; in CI
(CI=true) a missing browser fails the run instead.
"""

import io
import os
import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.management import call_command

# Playwright runs an event loop in the test thread; Django's ORM calls from the test
# (creating data for the live server) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}: install it.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}; browser tests skipped")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture
def demo(transactional_db) -> None:
    """The demo, committed for the live server. Transactional tests flush the database after
    each test, so each browser test loads its own (the session's shared demo lives in a
    transaction the live server's connection cannot see)."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# The WCAG 2.2 AA rules and axe's best practices: what every page of the portal must pass.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page with AXE_TAGS; every rule at every impact level counts."""
    # Evaluated through the browser's developer protocol, which the portal's
    # Content-Security-Policy does not govern (an injected <script> tag would be refused), so
    # every browser test runs under the real policy.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in violations
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {page.url}: {violations}"


def horizontal_overflow(page, width: int = 320) -> int:
    """How many pixels the page scrolls sideways at `width` CSS pixels (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": width, "height": 640})
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


_WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .filter(e => !e.closest('.table-responsive, .visually-hidden'))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
    + ' ' + (e.textContent || '').trim().slice(0, 40))"""


def assert_reflows(page, width: int = 320) -> None:
    overflow = horizontal_overflow(page, width)
    if overflow > 0:
        widest = page.evaluate(_WIDEST)
        raise AssertionError(
            f"{page.url} scrolls sideways by {overflow}px at {width}px wide; too wide: {widest}"
        )


def sign_in(page, live_server, username: str, password: str = "secret-password") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()

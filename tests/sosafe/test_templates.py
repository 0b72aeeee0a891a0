"""Templates in three tiers (base.html → one base per app → pages) with one breadcrumbs
include, drawn by the portal's breadcrumbs tag."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

from sosafe.models import Membership, Partnership

TEMPLATES = Path(settings.TEMPLATES[0]["DIRS"][0])
APPS = ["sosafe", "actionplan", "referrals", "funding", "indicators", "reports"]
# Pages of the core that live outside an app folder (error pages, Django's sign-in pages).
CORE_PAGES = {"400.html", "403.html", "403_csrf.html", "404.html", "500.html", "registration"}


def _pages():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES)
        if relative.name == "base.html" or "includes" in relative.parts:
            continue
        if relative.parts[:2] == ("reports", "papers"):
            continue  # the printed papers: standalone documents, not portal pages
        yield relative


def _app_of(relative: Path) -> str:
    return "sosafe" if relative.parts[0] in CORE_PAGES else relative.parts[0]


def test_every_app_has_its_own_base_on_the_portal_base():
    for app in APPS:
        first_line = (TEMPLATES / app / "base.html").read_text().splitlines()[0]
        assert first_line == '{% extends "base.html" %}', app


@pytest.mark.parametrize("relative", list(_pages()), ids=str)
def test_every_page_extends_its_apps_base(relative):
    first_line = (TEMPLATES / relative).read_text().splitlines()[0]
    assert first_line == f'{{% extends "{_app_of(relative)}/base.html" %}}'


def test_breadcrumbs_are_drawn_by_one_include():
    drawn_by_hand = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if 'class="breadcrumb"' in path.read_text()
    ]
    assert drawn_by_hand == ["includes/breadcrumbs.html"]


def _render(source: str, **context) -> str:
    membership = Membership(partnership=Partnership(name="Test CSP", short_name="TCSP", slug="t"))
    return Template("{% load portal %}" + source).render(
        Context({"membership": membership, **context})
    )


def test_breadcrumbs_run_from_the_partnership_home_to_the_current_page():
    html = _render(
        '{% breadcrumbs "/a/" "Plans" gone "Left out" "/b/" label %}Action {{ ref }}'
        "{% endbreadcrumbs %}",
        label="Tom & Jerry",
        ref="1.1 <a>",
        gone="",
    )
    assert '<a href="/p/t/">TCSP</a>' in html
    assert html.index('href="/a/">Plans') < html.index('href="/b/">Tom &amp; Jerry')
    assert "Left out" not in html
    assert 'aria-current="page">Action 1.1 &lt;a&gt;</li>' in html


def test_breadcrumbs_need_url_and_label_pairs():
    with pytest.raises(TemplateSyntaxError):
        _render('{% breadcrumbs "/a/" %}Page{% endbreadcrumbs %}')

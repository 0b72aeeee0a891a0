"""Content-Security-Policy, Permissions-Policy, no-store, and the branded error pages."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

from sosafe.charts import render_svg

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_csp_allows_only_the_portals_own_scripts(world):
    response = world.client_for("coordinator").get(
        reverse("reports:home", args=[world.partnership.slug])
    )
    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src-attr"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("style-src-elem")[0]


def test_csp_and_permissions_policy_on_the_sign_in_page_too(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy


def test_no_inline_script_or_style_attribute_in_the_pages(world):
    html = (
        world.client_for("coordinator")
        .get(reverse("reports:home", args=[world.partnership.slug]))
        .content.decode()
    )
    assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
    assert ' style="' not in html


def test_a_chart_carries_no_script_and_no_style_attribute():
    import pygal

    chart = pygal.Bar(js=[])
    chart.add("Referrals", [3, 5])
    svg = render_svg(chart)
    assert "<script" not in svg
    assert "style=" not in svg
    assert '<style type="text/css">' in svg  # its colours, which the policy allows


def test_signed_in_pages_are_not_stored(world):
    response = world.client_for("officer").get(
        reverse("reports:home", args=[world.partnership.slug])
    )
    assert "no-store" in response["Cache-Control"]


def test_downloads_are_not_stored(world):
    response = world.client_for("coordinator").get(
        reverse("funding:bid-export", args=[world.partnership.slug, "csv"])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_static_files_stay_cacheable(client):
    assert finders.find("sosafe/portal.css")
    static = client.get("/static/sosafe/portal.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_static_files_stay_cacheable_for_signed_in_people(world):
    response = world.client_for("officer").get("/static/sosafe/portal.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_404_page_is_branded(world):
    response = world.client_for("officer").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "SoSafe portal" in html


def test_the_500_page_is_branded_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = defaults.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "<title>Something went wrong – SoSafe</title>" in html


def test_the_400_page_is_branded(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "could not understand that request" in response.content.decode()


def test_the_csrf_failure_page_is_branded(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer.user)
    response = client.post(reverse("password_change"), {"old_password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "SoSafe portal" in html


def test_the_403_page_is_branded(world):
    response = world.client_for("scrutiny").get(
        reverse("funding:funder-create", args=[world.partnership.slug])
    )
    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()


def test_no_template_carries_inline_script_or_style_attribute(settings):
    """The policy refuses them: the pages would silently lose their script or layout."""
    patterns = (" style=", "<script>", "<script type", " onclick=", " onchange=", " onsubmit=")
    offenders = [
        f"{template.relative_to(settings.BASE_DIR)}: {pattern.strip()}"
        for template in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for pattern in patterns
        if pattern in template.read_text(encoding="utf-8")
    ]
    assert offenders == []

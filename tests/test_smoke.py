"""Site-wide smoke test: every page of the portal renders for a coordinator of the demo
partnership, with exactly one <h1>; every export downloads. A new URL must be added here."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplan.models import Action, ActionPlan, Aim, Objective, Strategy, Theme
from funding.models import Funder, FundingBid
from indicators.models import Indicator
from referrals.models import ReferralReturn, Service
from sosafe.models import Membership

pytestmark = pytest.mark.django_db
P = "sosafe"


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def _pages():
    """URL name → kwargs for the demo partnership, built after the demo is loaded."""
    plan = ActionPlan.objects.get(partnership__slug=P, year="2017/18")
    action = _first(Action, aim__theme__plan=plan, restricted=False)
    service = _first(Service, partnership__slug=P)
    referral = _first(ReferralReturn, service__partnership__slug=P)
    bid = _first(FundingBid, partnership__slug=P, status="successful")
    indicator = _first(Indicator, partnership__slug=P, police_crime_type="Anti-social behaviour")
    return {
        "reports:home": {},
        "actionplan:strategy-detail": {"pk": _first(Strategy).pk},
        "actionplan:plan-detail": {"year": plan.year.slug},
        # 6.2 as carried into the 2018/19 draft: an action page with its year-before link.
        "actionplan:action-detail": {"pk": _first(Action, carried_from__isnull=False).pk},
        "actionplan:action-mine": {},
        "actionplan:action-mine-import": {},
        "actionplan:update-edit": {"pk": action.pk, "quarter": 4},
        "actionplan:update-review": {"pk": action.pk, "quarter": 4},
        "actionplan:quarter-chasing": {},
        "actionplan:quarter-list": {"year": plan.year.slug},
        "actionplan:quarter-detail": {"year": plan.year.slug, "quarter": 4},
        "actionplan:quarter-close": {"year": plan.year.slug, "quarter": 4},
        "actionplan:plan-approve": {"year": plan.year.slug},
        "actionplan:plan-close": {"year": plan.year.slug},
        "actionplan:plan-roll-forward": {"year": plan.year.slug},
        "actionplan:strategy-create": {},
        "actionplan:strategy-edit": {"pk": _first(Strategy).pk},
        "actionplan:objective-create": {"pk": _first(Strategy).pk},
        "actionplan:objective-edit": {"pk": _first(Objective).pk},
        "actionplan:plan-create": {},
        "actionplan:plan-outline": {"year": plan.year.slug},
        "actionplan:plan-edit": {"year": plan.year.slug},
        "actionplan:theme-create": {"year": plan.year.slug},
        "actionplan:theme-edit": {"pk": _first(Theme, plan=plan).pk},
        "actionplan:theme-remove": {"pk": _first(Theme, plan=plan).pk},
        "actionplan:aim-create": {"pk": _first(Theme, plan=plan).pk},
        "actionplan:aim-edit": {"pk": _first(Aim, theme__plan=plan).pk},
        "actionplan:aim-remove": {"pk": _first(Aim, theme__plan=plan).pk},
        "actionplan:action-create": {"pk": _first(Aim, theme__plan=plan).pk},
        "actionplan:action-edit": {"pk": action.pk},
        "actionplan:action-remove": {"pk": action.pk},
        "actionplan:plan-import": {},
        "referrals:service-list": {},
        "referrals:service-public": {},
        "referrals:service-create": {},
        "referrals:service-detail": {"pk": service.pk},
        "referrals:service-edit": {"pk": service.pk},
        "referrals:return-grid": {},
        "referrals:return-edit": {
            "pk": referral.service_id,
            "year": referral.year.slug,
            "quarter": referral.quarter,
        },
        "referrals:return-import": {},
        "funding:bid-list": {},
        "funding:bid-create": {},
        "funding:bid-detail": {"pk": bid.pk},
        "funding:bid-edit": {"pk": bid.pk},
        "funding:spend-create": {"pk": bid.pk},
        "funding:summary": {},
        "funding:summary-detail": {"year": "2017-18"},
        "funding:funder-list": {},
        "funding:funder-create": {},
        "funding:funder-edit": {"pk": _first(Funder, partnership__slug=P).pk},
        "funding:bid-import": {},
        "indicators:indicator-list": {},
        "reports:about": {},
        "reports:dashboard": {},
        "reports:dashboard-year": {"year": plan.year.slug},
        "reports:dashboard-quarter": {"year": plan.year.slug, "quarter": 4},
        "indicators:indicator-detail": {"pk": indicator.pk},
        "indicators:indicator-create": {},
        "indicators:indicator-edit": {"pk": indicator.pk},
        "indicators:values-edit": {"pk": indicator.pk, "year": "2017-18"},
        "indicators:area-edit": {},
        "indicators:crime-import": {},
        "indicators:values-import": {},
        "reports:paper-list": {},
        "reports:narrative-edit": {"year": plan.year.slug},
        "reports:paper-publish": {"kind": "scrutiny", "period": plan.year.slug},
    }


def _admin_pages():
    """The partnership administrator's pages (403 for the coordinator)."""
    officer = Membership.objects.filter(partnership__slug=P, user__username="officer").get()
    return {
        "sosafe:member-list": {},
        "sosafe:member-invite": {},
        "sosafe:member-edit": {"pk": officer.pk},
        "sosafe:partnership-settings": {},
    }


DOWNLOADS = {
    "actionplan:plan-export": {"year": "2017/18"},
    "actionplan:action-mine-export": {},
    "referrals:service-list-export": {"fmt": "csv"},
    "referrals:service-public-export": {"fmt": "xlsx"},
    "referrals:return-grid-export": {"fmt": "csv"},
    "referrals:return-export": {"fmt": "xlsx"},
    "funding:bid-export": {"file_format": "xlsx"},
    "reports:paper-view": {"kind": "jag", "period": "2017-18-Q4", "fmt": "xlsx"},
    "reports:published-download": {"pk": "published"},
}

# Reached only through a form or with a record the demo does not hold; each has its own tests.
NOT_HERE = {
    "sosafe:home": "redirects a member of one partnership to it (tests/sosafe/test_pages.py)",
    "login": "the sign-in page, covered by the browser tests",
    "logout": "POST only",
    "password_change": "tests/sosafe/test_signin.py",
    "password_change_done": "tests/sosafe/test_signin.py",
    "password_reset": "tests/sosafe/test_signin.py",
    "password_reset_done": "tests/sosafe/test_signin.py",
    "password_reset_confirm": "needs the emailed token, tests/sosafe/test_signin.py",
    "password_reset_complete": "tests/sosafe/test_signin.py",
    "actionplan:quarter-open": "POST only, tests/actionplan/test_quarters.py",
    "actionplan:quarter-reopen": "POST only, tests/actionplan/test_quarters.py",
    "actionplan:quarter-remind": "POST only, tests/actionplan/test_chasing.py",
    "actionplan:theme-move": "POST only, tests/actionplan/test_authoring_views.py",
    "actionplan:aim-move": "POST only, tests/actionplan/test_authoring_views.py",
    "actionplan:action-move": "POST only, tests/actionplan/test_authoring_views.py",
    "actionplan:outcome-move": "POST only, tests/actionplan/test_authoring_views.py",
    "actionplan:action-restore": "POST only, tests/actionplan/test_authoring_views.py",
    "actionplan:action-mine-import-confirm": "POST only, with an upload: tests/actionplan",
    "actionplan:plan-import-confirm": "POST only, with an upload: tests/actionplan",
    "referrals:service-detail-export": "per-service export, tests/referrals",
    "referrals:return-import-confirm": "POST only, with an upload: tests/referrals/test_imports.py",
    "funding:bid-import-confirm": "needs an uploaded file, tests/funding",
    "funding:spend-edit": "the demo has no spend entries, tests/funding",
    "funding:spend-delete": "the demo has no spend entries, tests/funding",
    "indicators:crime-import-confirm": "POST only, with an upload: tests/indicators",
    "indicators:values-import-confirm": "POST only, with an upload: tests/indicators",
    "sosafe:member-set-active": "POST only, tests/sosafe/test_members.py",
    "sosafe:invite-accept": "needs an invitation's token, tests/sosafe/test_members.py",
    "sosafe:invite-accepted": "after an invitation, tests/sosafe/test_members.py",
}


def _url_names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _url_names(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.fixture
def coordinator(demo, client):
    client.login(username="coordinator", password="sosafe-demo")
    return client


def test_every_url_is_covered_here(coordinator):
    known = set(_pages()) | set(_admin_pages()) | set(DOWNLOADS) | set(NOT_HERE)
    missing = [name for name in _url_names() if name not in known]
    assert missing == [], f"add these URLs to tests/test_smoke.py: {missing}"


def test_every_page_renders_with_one_h1(coordinator):
    for name, kwargs in _pages().items():
        url = reverse(name, kwargs={"partnership": P, **kwargs})
        response = coordinator.get(url, follow=True)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert html.count("<h1") == 1, (name, url)


def test_every_administrator_page_renders_with_one_h1(demo, client):
    assert client.login(username="admin", password="sosafe-demo")
    for name, kwargs in _admin_pages().items():
        url = reverse(name, kwargs={"partnership": P, **kwargs})
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert response.content.decode().count("<h1") == 1, (name, url)


def test_every_export_downloads(coordinator):
    from reports.models import PublishedPaper

    for name, kwargs in DOWNLOADS.items():
        if kwargs.get("pk") == "published":
            kwargs = {"pk": PublishedPaper.objects.get(partnership__slug=P).pk}
        response = coordinator.get(reverse(name, kwargs={"partnership": P, **kwargs}))
        assert response.status_code == 200, name
        assert "attachment" in response["Content-Disposition"], name
        assert len(b"".join(response)) > 0, name

"""One permission matrix for the whole site, generated from the URLconf.

Every routed URL name must be in ``MATRIX`` (or ``OUTSIDE_PARTNERSHIPS``): the walk fails on a
name or URL parameter the tables do not know, and checks it walked exactly as many URLs as
the tables hold. For every portal URL x persona (tests/personas.py) it asks GET and, where the
view takes POST, POST: a persona in the allowed set must not be answered 403/404/405, anonymous
is sent to sign in (302), the other partnership's coordinator gets 404 and any other persona
403; the database is unchanged after every refused POST. PUT and DELETE, and POST on a GET-only
view, answer 405.

To add a URL: ONE line in ``MATRIX`` — ``"app:name": Entry(GET_WHO, POST_WHO)`` (POST_WHO is
``None`` for a GET-only view, GET_WHO ``None`` for a POST-only one) — plus, if the URL has a
parameter not yet in ``sample_kwargs``, one line there. The view itself must be declared with
``sosafe.access.partnership_view(rule=..., methods=...)`` or this test fails.
"""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sosafe.access import Access
from sosafe.periods import FinancialYear
from tests import factories
from tests.conftest import make_plan
from tests.indicators.factories import IndicatorFactory
from tests.personas import EVERYONE, MANAGERS, READERS, VISITORS, build_world

pytestmark = pytest.mark.django_db

OFFICERS = MANAGERS | {"officer"}  # the coordinators and the lead organisation's officer
ADMINS = {"admin"}  # the partnership's administrators (not a coordinator)
WRITERS = MANAGERS | {"officer", "other_officer"}  # everyone who writes progress or counts


@dataclass(frozen=True)
class Entry:
    get: frozenset | set | None  # who may GET (None: the view refuses GET with 405)
    post: frozenset | set | None = None  # who may POST (None: POST answers 405)
    missing_is_404: bool = False  # no sample object exists: 404 is accepted when allowed


MATRIX: dict[str, Entry] = {
    # reports
    "reports:home": Entry(EVERYONE),
    "reports:about": Entry(EVERYONE),
    "reports:dashboard": Entry(READERS),
    "reports:dashboard-year": Entry(READERS),
    "reports:dashboard-quarter": Entry(READERS),
    "reports:paper-list": Entry(EVERYONE),
    "reports:published-download": Entry(EVERYONE, missing_is_404=True),  # none published here
    "reports:narrative-edit": Entry(MANAGERS, MANAGERS),
    "reports:paper-publish": Entry(MANAGERS, MANAGERS),
    "reports:paper-view": Entry(MANAGERS | {"member"}),  # live papers: who sees restricted work
    # actionplan
    "actionplan:strategy-detail": Entry(READERS),  # a draft: scrutiny reads adopted ones
    "actionplan:plan-detail": Entry(READERS),
    "actionplan:plan-export": Entry(READERS),
    "actionplan:action-detail": Entry(READERS),
    "actionplan:action-mine": Entry(WRITERS),
    "actionplan:action-mine-export": Entry(WRITERS),
    "actionplan:action-mine-import": Entry(WRITERS, WRITERS),
    "actionplan:action-mine-import-confirm": Entry(None, WRITERS),
    "actionplan:update-edit": Entry(OFFICERS, OFFICERS),
    "actionplan:update-review": Entry(MANAGERS, MANAGERS),
    "actionplan:quarter-chasing": Entry(MANAGERS),
    "actionplan:quarter-list": Entry(MANAGERS),
    "actionplan:quarter-open": Entry(None, MANAGERS),
    "actionplan:quarter-detail": Entry(MANAGERS),
    "actionplan:quarter-close": Entry(MANAGERS, MANAGERS),  # GET: the confirmation page
    "actionplan:quarter-reopen": Entry(None, MANAGERS),
    "actionplan:quarter-remind": Entry(None, MANAGERS),
    "actionplan:plan-approve": Entry(MANAGERS, MANAGERS),
    "actionplan:plan-close": Entry(MANAGERS, MANAGERS),
    "actionplan:plan-roll-forward": Entry(MANAGERS, MANAGERS),
    # writing the strategy and the plans
    "actionplan:strategy-create": Entry(MANAGERS, MANAGERS),
    "actionplan:strategy-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:objective-create": Entry(MANAGERS, MANAGERS),
    "actionplan:objective-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:plan-create": Entry(MANAGERS, MANAGERS),
    "actionplan:plan-outline": Entry(MANAGERS),
    "actionplan:plan-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:theme-create": Entry(MANAGERS, MANAGERS),
    "actionplan:theme-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:theme-move": Entry(None, MANAGERS),
    "actionplan:theme-remove": Entry(MANAGERS, MANAGERS),
    "actionplan:aim-create": Entry(MANAGERS, MANAGERS),
    "actionplan:aim-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:aim-move": Entry(None, MANAGERS),
    "actionplan:aim-remove": Entry(MANAGERS, MANAGERS),
    "actionplan:action-create": Entry(MANAGERS, MANAGERS),
    "actionplan:action-edit": Entry(MANAGERS, MANAGERS),
    "actionplan:action-move": Entry(None, MANAGERS),
    "actionplan:action-remove": Entry(MANAGERS, MANAGERS),
    "actionplan:action-restore": Entry(None, MANAGERS),
    "actionplan:outcome-move": Entry(None, MANAGERS),
    "actionplan:plan-import": Entry(MANAGERS, MANAGERS),
    "actionplan:plan-import-confirm": Entry(None, MANAGERS),
    # sosafe: the partnership's administrators
    "sosafe:member-list": Entry(ADMINS),
    "sosafe:member-invite": Entry(ADMINS, ADMINS),
    "sosafe:member-edit": Entry(ADMINS, ADMINS),
    "sosafe:member-set-active": Entry(None, ADMINS),
    "sosafe:partnership-settings": Entry(ADMINS, ADMINS),
    # referrals
    "referrals:service-list": Entry(READERS),
    "referrals:service-list-export": Entry(READERS),
    "referrals:service-public": Entry(EVERYONE),
    "referrals:service-public-export": Entry(EVERYONE),
    "referrals:service-create": Entry(MANAGERS, MANAGERS),
    "referrals:service-detail": Entry(READERS),
    "referrals:service-detail-export": Entry(READERS),
    "referrals:service-edit": Entry(MANAGERS, MANAGERS),
    "referrals:return-grid": Entry(READERS, OFFICERS),
    "referrals:return-grid-export": Entry(READERS),
    "referrals:return-edit": Entry(OFFICERS, OFFICERS),
    "referrals:return-export": Entry(READERS),
    "referrals:return-import": Entry(MANAGERS, MANAGERS),
    "referrals:return-import-confirm": Entry(None, MANAGERS),
    # funding
    "funding:bid-list": Entry(READERS),
    "funding:bid-create": Entry(MANAGERS, MANAGERS),
    "funding:bid-detail": Entry(READERS),
    "funding:bid-edit": Entry(OFFICERS, OFFICERS),
    "funding:spend-create": Entry(OFFICERS, OFFICERS),
    "funding:spend-edit": Entry(OFFICERS, OFFICERS),
    "funding:spend-delete": Entry(OFFICERS, OFFICERS),
    "funding:summary": Entry(EVERYONE),
    "funding:summary-detail": Entry(EVERYONE),
    "funding:funder-list": Entry(READERS),
    "funding:funder-create": Entry(MANAGERS, MANAGERS),
    "funding:funder-edit": Entry(MANAGERS, MANAGERS),
    "funding:bid-export": Entry(READERS),
    "funding:bid-import": Entry(MANAGERS, MANAGERS),
    "funding:bid-import-confirm": Entry(None, MANAGERS),
    # indicators
    "indicators:indicator-list": Entry(READERS),
    "indicators:indicator-create": Entry(MANAGERS, MANAGERS),
    "indicators:indicator-detail": Entry(READERS),
    "indicators:indicator-edit": Entry(MANAGERS, MANAGERS),
    "indicators:values-edit": Entry(MANAGERS, MANAGERS),
    "indicators:values-import": Entry(MANAGERS, MANAGERS),
    "indicators:values-import-confirm": Entry(None, MANAGERS),
    "indicators:area-edit": Entry(MANAGERS, MANAGERS),
    "indicators:crime-import": Entry(MANAGERS, MANAGERS),
    "indicators:crime-import-confirm": Entry(None, MANAGERS),
}

# Outside any partnership: not declared through partnership_view, each tested where named.
OUTSIDE_PARTNERSHIPS = {
    "sosafe:home": "sign-in only: the partnership chooser (tests/sosafe/test_pages.py)",
    "login": "public: Django's sign-in view",
    "logout": "public: Django's sign-out view (POST)",
    "sosafe:invite-accept": "public: an invited member chooses a password (tests/sosafe)",
    "sosafe:invite-accepted": "public: after choosing the password (tests/sosafe)",
    "password_change": "sign-in only: Django's view",
    "password_change_done": "sign-in only: Django's view",
    "password_reset": "public: Django's view",
    "password_reset_done": "public: Django's view",
    "password_reset_confirm": "public: Django's view, with the emailed token",
    "password_reset_complete": "public: Django's view",
}
NAMESPACES_NOT_WALKED = {"admin"}  # Django's admin, with its own staff check


def walk(resolver=None, namespace=None, parameters=frozenset()):
    """Every URL pattern: (namespace:name, its parameters, callback)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = parameters | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NAMESPACES_NOT_WALKED:
                continue
            yield from walk(pattern, pattern.namespace or namespace, found)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"every URL needs a name: {pattern.pattern}"
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, found, pattern.callback


def build_samples():
    """The world's personas and one of each object, in the persona's own partnership."""
    world = build_world()
    partnership, lead_org = world.partnership, world.lead_org
    strategy = factories.StrategyFactory(partnership=partnership, status="draft")
    plan, actions = make_plan(partnership, lead_org, actions=1, year=2024)
    plan.strategy = strategy
    plan.save()
    factories.ReportingQuarterFactory(plan=plan, quarter=1)
    objective = factories.ObjectiveFactory(strategy=strategy, number=1)
    aim = actions[0].aim
    service = factories.ServiceFactory(partnership=partnership, organisation=lead_org)
    funder = factories.FunderFactory(partnership=partnership)
    bid = factories.FundingBidFactory(
        partnership=partnership, funder=funder, organisation=lead_org, successful=True
    )
    spend = factories.SpendFactory(bid=bid)
    indicator = IndicatorFactory(partnership=partnership)
    return world, {
        "pk": {
            "actionplan:strategy-detail": strategy.pk,
            "actionplan:action-detail": actions[0].pk,
            "actionplan:update-edit": actions[0].pk,
            "actionplan:update-review": actions[0].pk,
            "actionplan:strategy-edit": strategy.pk,
            "actionplan:objective-create": strategy.pk,
            "actionplan:objective-edit": objective.pk,
            "actionplan:theme-edit": aim.theme_id,
            "actionplan:theme-move": aim.theme_id,
            "actionplan:theme-remove": aim.theme_id,
            "actionplan:aim-create": aim.theme_id,
            "actionplan:aim-edit": aim.pk,
            "actionplan:aim-move": aim.pk,
            "actionplan:aim-remove": aim.pk,
            "actionplan:action-create": aim.pk,
            "actionplan:action-edit": actions[0].pk,
            "actionplan:action-move": actions[0].pk,
            "actionplan:action-remove": actions[0].pk,
            "actionplan:action-restore": actions[0].pk,
            "actionplan:outcome-move": actions[0].outcomes.first().pk,
            "funding:spend-edit": spend.pk,
            "funding:spend-delete": spend.pk,
            "funding:funder-edit": funder.pk,
            "referrals:": service.pk,
            "funding:": bid.pk,
            "indicators:": indicator.pk,
            "sosafe:": world.member.pk,
            "reports:": 0,  # no published paper: allowed personas get 404, the others still not
        },
        "kind": "scrutiny",
        "period": plan.year.slug,
        "year": {"": plan.year, "funding:": FinancialYear(2017)},  # the bid's money: 2017/18
        "quarter": 1,
        "fmt": {"": "csv", "reports:paper-view": "xlsx"},
        "file_format": "csv",
        "token": "no-such-upload",
        "partnership": partnership.slug,
    }


def sample_kwargs(name: str, parameters, samples: dict) -> dict:
    kwargs = {}
    for parameter in sorted(parameters):
        assert parameter in samples, f"{name}: add a sample for URL parameter '{parameter}'"
        value = samples[parameter]
        if isinstance(value, dict):
            keys = [name, name.split(":")[0] + ":", ""]
            key = next((k for k in keys if k in value), None)
            assert key is not None, f"{name}: add its '{parameter}' to build_samples"
            value = value[key]
        kwargs[parameter] = value
    if name in {"indicators:values-edit", "reports:narrative-edit"}:
        kwargs["year"] = kwargs["year"].slug  # this URL takes the year as text
    return kwargs


def _fingerprint() -> tuple:
    """Row count and highest key of every table, in one query: a refused POST that created,
    deleted or (through the history tables django-simple-history keeps) changed a row shows."""
    parts = []
    for model in apps.get_models():
        if model._meta.proxy or model._meta.managed is False:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        if model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}:
            parts.append(f"(SELECT MAX({pk}) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return cursor.fetchone()


def expected(persona: str, allowed) -> int | None:
    """The refusal code, or None for a persona the view lets in."""
    if persona == "anonymous":
        return 302
    if persona == "outsider":
        return 404
    return None if persona in allowed else 403


def test_every_url_is_in_the_matrix_and_declared():
    walked = list(walk())
    names = [name for name, *_ in walked]
    unknown = sorted(set(names) - set(MATRIX) - set(OUTSIDE_PARTNERSHIPS))
    assert unknown == [], f"add these URL names to tests/test_permission_matrix.py: {unknown}"
    assert len(walked) == len(MATRIX) + len(OUTSIDE_PARTNERSHIPS), "URL names in the tables"
    undeclared = [
        name
        for name, _, callback in walked
        if name in MATRIX and not isinstance(getattr(callback, "access", None), Access)
    ]
    assert undeclared == [], (
        f"declare these views with sosafe.access.partnership_view: {undeclared}"
    )
    for name, _, callback in walked:
        if name in MATRIX:
            entry = MATRIX[name]
            declared = {m for m, who in (("GET", entry.get), ("POST", entry.post)) if who}
            assert callback.access.methods == declared, (name, callback.access.methods)


def test_the_permission_matrix():
    world, samples = build_samples()
    clients = {persona: world.client_for(persona) for persona in VISITORS}
    failures = []
    walked = 0
    for name, parameters, _ in walk():
        if name in OUTSIDE_PARTNERSHIPS:
            continue
        entry = MATRIX[name]
        walked += 1
        url = reverse(name, kwargs=sample_kwargs(name, parameters, samples))
        for persona, client in clients.items():
            for method, allowed in (("get", entry.get), ("post", entry.post)):
                refusal = 405 if allowed is None else expected(persona, allowed)
                with transaction.atomic():
                    before = _fingerprint() if method == "post" and refusal else None
                    status = getattr(client, method)(url).status_code
                    if refusal is None:
                        bad = {403, 405} | (set() if entry.missing_is_404 else {404})
                        if status in bad:
                            failures.append(f"{method.upper()} {name} {persona}: {status}, allowed")
                    elif status != refusal:
                        failures.append(f"{method.upper()} {name} {persona}: {status} != {refusal}")
                    elif method == "post" and _fingerprint() != before:
                        failures.append(f"POST {name} {persona}: refused but changed the database")
                    transaction.set_rollback(True)
            for method in ("put", "delete"):
                status = getattr(client, method)(url).status_code
                if status != 405:
                    failures.append(f"{method.upper()} {name} {persona}: {status} != 405")
    assert walked == len(MATRIX)
    assert failures == [], "\n".join(failures)

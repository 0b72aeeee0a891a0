"""One concurrency path: for every versioned model, two people open the same record, the
first saves, and the second save — through the portal and through the Django admin — is
refused (409 in the portal, a message in the admin) without overwriting the first."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from funding.models import BidStatus
from sosafe.concurrency import VersionedModel
from tests import factories
from tests.conftest import make_plan
from tests.factories import (
    FunderFactory,
    FundingBidFactory,
    ProgressUpdateFactory,
    ReferralReturnFactory,
    ReportingQuarterFactory,
    ServiceFactory,
    SpendFactory,
)
from tests.referrals.conftest import QUARTER

pytestmark = pytest.mark.django_db


def _post_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return str(value)


def form_data(*forms) -> dict:
    """What a browser would send back for these forms (and formsets) as drawn."""
    data = {}
    for form in forms:
        if hasattr(form, "management_form"):
            data.update(form_data(form.management_form, *form.forms))
            continue
        for bound in form:
            value = _post_value(bound.value())
            if value is not None:
                data[bound.html_name] = value
    return data


def admin_data(response) -> dict:
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return form_data(response.context["adminform"].form, *formsets)


@dataclass
class Case:
    """A versioned record, its portal edit page and the text field both people change."""

    make: object  # (world) -> (record, portal url, persona that edits it)
    field: str
    portal_field: str = ""  # the form field's name in the portal, if not ``field``
    extra: dict | None = None  # more to post in the portal (the button pressed, formsets)


def _update(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    ReportingQuarterFactory(plan=plan, quarter=3)
    update = ProgressUpdateFactory(action=actions[0], quarter=3, state="draft", narrative="v1")
    url = reverse("actionplan:update-edit", args=[world.partnership.slug, actions[0].pk, 3])
    return update, url, "officer"


def _return(world):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    record = ReferralReturnFactory(
        service=service, year=QUARTER.year, quarter=QUARTER.number, total=10, note="v1"
    )
    url = reverse(
        "referrals:return-edit",
        args=[world.partnership.slug, service.pk, QUARTER.year.slug, QUARTER.number],
    )
    return record, url, "officer"


def _funder(world):
    funder = FunderFactory(partnership=world.partnership, name="PCC", notes="v1")
    url = reverse("funding:funder-edit", args=[world.partnership.slug, funder.pk])
    return funder, url, "coordinator"


def _bid(world):
    bid = FundingBidFactory(
        partnership=world.partnership,
        funder=FunderFactory(partnership=world.partnership),
        organisation=world.lead_org,
        amount_requested=Decimal("100.00"),
        notes="v1",
    )
    return bid, reverse("funding:bid-edit", args=[world.partnership.slug, bid.pk]), "officer"


def _spend(world):
    bid = FundingBidFactory(
        partnership=world.partnership,
        funder=FunderFactory(partnership=world.partnership),
        organisation=world.lead_org,
        status=BidStatus.SUCCESSFUL,
        submitted_on=datetime.date(2017, 3, 1),
        decision_on=datetime.date(2017, 3, 20),
        received_on=datetime.date(2017, 4, 10),
        amount_requested=Decimal("300.00"),
        amount_awarded=Decimal("300.00"),
    )
    spend = SpendFactory(bid=bid, amount=Decimal("10.00"), description="v1")
    return spend, reverse("funding:spend-edit", args=[world.partnership.slug, spend.pk]), "officer"


def _authoring(url_name, record_of, field="pk"):
    """A record of the plan's outline or the strategy, edited by a coordinator."""

    def make(world):
        plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
        strategy = factories.StrategyFactory(partnership=world.partnership, summary="v1")
        plan.strategy = strategy
        plan.save()
        record = record_of(plan, actions[0], strategy)
        arg = plan.year.slug if field == "year" else record.pk
        return record, reverse(url_name, args=[world.partnership.slug, arg]), "coordinator"

    return make


NO_ROWS = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}


def _rows(*prefixes) -> dict:
    return {f"{prefix}-{key}": value for prefix in prefixes for key, value in NO_ROWS.items()}


CASES = {
    "actionplan.ProgressUpdate": Case(_update, "narrative", extra={"intent": "draft"}),
    "actionplan.Strategy": Case(
        _authoring("actionplan:strategy-edit", lambda plan, action, strategy: strategy),
        "summary",
        extra=_rows("aims"),
    ),
    "actionplan.Objective": Case(
        _authoring(
            "actionplan:objective-edit",
            lambda plan, action, strategy: factories.ObjectiveFactory(
                strategy=strategy, number=1, description="v1"
            ),
        ),
        "description",
    ),
    "actionplan.ActionPlan": Case(
        _authoring("actionplan:plan-edit", lambda plan, action, strategy: plan, "year"), "notes"
    ),
    "actionplan.Theme": Case(
        _authoring("actionplan:theme-edit", lambda plan, action, strategy: action.aim.theme),
        "title",
    ),
    "actionplan.Aim": Case(
        _authoring("actionplan:aim-edit", lambda plan, action, strategy: action.aim), "text"
    ),
    "actionplan.Action": Case(
        _authoring("actionplan:action-edit", lambda plan, action, strategy: action),
        "resources",
        extra=_rows("leads", "outcomes"),
    ),
    "referrals.ReferralReturn": Case(
        _return, "note", extra={"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0"}
    ),
    "funding.Funder": Case(_funder, "notes"),
    "funding.FundingBid": Case(_bid, "notes"),
    "funding.Spend": Case(_spend, "description"),
}


def test_every_versioned_model_is_covered_here():
    versioned = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, VersionedModel) and not model._meta.label.startswith("sosafe.")
    }
    assert versioned == set(CASES)


@pytest.mark.parametrize("label", CASES)
def test_a_stale_save_through_the_portal_answers_409_and_keeps_the_first(world, label):
    case = CASES[label]
    record, url, persona = case.make(world)
    first, second = world.client_for("coordinator"), world.client_for(persona)
    name = case.portal_field or case.field

    def drawn(client):
        data = form_data(client.get(url).context["form"])
        return {**data, **(case.extra or {})}

    theirs, mine = drawn(first), drawn(second)
    assert theirs["version"] == mine["version"] == "1"
    assert first.post(url, {**theirs, name: "Theirs"}).status_code == 302

    refused = second.post(url, {**mine, name: "Mine"})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "while you were editing it" in page
    assert "<td>Theirs</td><td>Mine</td>" in page  # theirs beside yours
    assert refused.context["form"][name].value() == "Mine"  # what was typed is kept
    record.refresh_from_db()
    assert (getattr(record, case.field), record.version) == ("Theirs", 2)

    # Having seen theirs, saving again replaces it knowingly.
    again = form_data(refused.context["form"])
    assert second.post(url, {**again, **(case.extra or {})}).status_code == 302
    record.refresh_from_db()
    assert (getattr(record, case.field), record.version) == ("Mine", 3)


@pytest.fixture
def operators(client):
    """Two site operators, each in their own browser."""
    from django.test import Client

    clients = []
    for username in ("root", "toor"):
        user = factories.UserFactory(username=username, is_staff=True, is_superuser=True)
        other = Client()
        other.force_login(user)
        clients.append(other)
    return clients


@pytest.mark.parametrize("label", CASES)
def test_a_stale_save_through_the_admin_is_refused_with_a_message(world, operators, label):
    case = CASES[label]
    record, _, _ = case.make(world)
    url = reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
    )
    first, second = operators
    theirs, mine = admin_data(first.get(url)), admin_data(second.get(url))
    assert theirs["seen_version"] == mine["seen_version"] == "1"

    assert first.post(url, {**theirs, case.field: "Theirs"}).status_code == 302
    record.refresh_from_db()
    assert (getattr(record, case.field), record.version) == ("Theirs", 2)

    refused = second.post(url, {**mine, case.field: "Mine"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "since you opened this page, so your changes were not saved" in page
    assert "now “Theirs”, yours “Mine”" in page
    record.refresh_from_db()
    assert (getattr(record, case.field), record.version) == ("Theirs", 2)

    # The message's page now carries the saved version: saving again replaces it knowingly.
    again = admin_data(refused)
    assert again["seen_version"] == "2" and again[case.field] == "Mine"
    assert second.post(url, again).status_code == 302
    record.refresh_from_db()
    assert (getattr(record, case.field), record.version) == ("Mine", 3)

"""Every funding page walks the personas: who may open it, who is refused, who never sees it."""

import datetime
from urllib.parse import quote

import pytest

from funding.models import Funder, FundingBid, Spend
from tests.funding.conftest import url
from tests.personas import EVERYONE, MANAGERS, PERSONAS, READERS, expected_status

pytestmark = pytest.mark.django_db

DELIVERERS = MANAGERS | {"officer"}  # "officer" works for the organisation delivering the bid


PAGES = [
    ("bid-list", lambda f: [], READERS),
    ("bid-detail", lambda f: [f["successful_bid"].pk], READERS),
    ("bid-create", lambda f: [], MANAGERS),
    ("bid-edit", lambda f: [f["draft_bid"].pk], DELIVERERS),
    ("spend-create", lambda f: [f["successful_bid"].pk], DELIVERERS),
    ("spend-edit", lambda f: [f["spend"].pk], DELIVERERS),
    ("spend-delete", lambda f: [f["spend"].pk], DELIVERERS),
    ("summary-detail", lambda f: ["2017-18"], EVERYONE),
    ("funder-list", lambda f: [], READERS),
    ("funder-create", lambda f: [], MANAGERS),
    ("funder-edit", lambda f: [f["funder"].pk], MANAGERS),
    ("bid-export", lambda f: ["csv"], READERS),
    ("bid-export", lambda f: ["xlsx"], READERS),
    ("bid-import", lambda f: [], MANAGERS),
]


@pytest.fixture
def records(funder, draft_bid, successful_bid, spend):
    return {
        "funder": funder,
        "draft_bid": draft_bid,
        "successful_bid": successful_bid,
        "spend": spend,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_each_page_for_each_persona(world, records, persona, name, args, allowed):
    response = world.client_for(persona).get(url(name, world, *args(records)))
    assert response.status_code == expected_status(persona, allowed)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert response.content.count(b"<h1") == 1


@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_is_sent_to_sign_in(world, records, name, args, allowed):
    path = url(name, world, *args(records))
    response = world.client_for("anonymous").get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(path)}"


def test_anonymous_cannot_confirm_an_import(world):
    response = world.client_for("anonymous").post(url("bid-import-confirm", world), {"token": "x"})
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("persona", PERSONAS)
def test_summary_without_a_year_goes_to_the_latest_year(world, successful_bid, persona):
    response = world.client_for(persona).get(url("summary", world))
    if persona == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert response["Location"] == url("summary-detail", world, "2017-18")


def test_a_bid_of_another_partnership_is_not_found(world, funder):
    elsewhere = FundingBid.objects.create(
        partnership=world.other_partnership, title="Their bid", status="draft"
    )
    client = world.client_for("coordinator")
    assert client.get(url("bid-detail", world, elsewhere.pk)).status_code == 404
    assert client.get(url("bid-edit", world, elsewhere.pk)).status_code == 404


def bid_form(**overrides) -> dict:
    data = {
        "title": "Safer Streets",
        "funder": "",
        "fund": "Safer Streets Fund",
        "organisation": "",
        "delivering_team": "Community Safety",
        "purpose": "Making Bedwell safer",
        "status": "draft",
        "amount_requested": "£350,000",
        "amount_awarded": "",
        "submitted_on": "",
        "decision_on": "",
        "received_on": "",
        "date_precision": "day",
        "grant_starts": "",
        "grant_ends": "",
        "notes": "",
        "status_note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_record_bids(world, funder, persona):
    response = world.client_for(persona).post(url("bid-create", world), bid_form(funder=funder.pk))
    created = FundingBid.objects.filter(title="Safer Streets").first()
    if persona in MANAGERS:
        assert response.status_code == 302
        assert created.partnership == world.partnership
        assert str(created.amount_requested) == "350000.00"
        change = created.status_changes.get()
        assert change.to_status == "draft"
        assert change.changed_by == getattr(world, persona).user
    else:
        assert response.status_code == expected_status(persona, MANAGERS)
        assert created is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_delivering_officers_and_managers_edit_a_bid(world, draft_bid, persona):
    data = bid_form(
        title="Youth mentoring (revised)",
        funder=draft_bid.funder_id,
        organisation=draft_bid.organisation_id,
        amount_requested="4,500.00",
        version=draft_bid.version,
    )
    response = world.client_for(persona).post(url("bid-edit", world, draft_bid.pk), data)
    draft_bid.refresh_from_db()
    if persona in DELIVERERS:
        assert response.status_code == 302
        assert draft_bid.title == "Youth mentoring (revised)"
        assert str(draft_bid.amount_requested) == "4500.00"
        assert draft_bid.version == 2
    else:
        assert response.status_code == expected_status(persona, DELIVERERS)
        assert draft_bid.title == "Youth mentoring"
        assert draft_bid.version == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_delivering_officers_and_managers_record_spend(world, successful_bid, persona):
    response = world.client_for(persona).post(
        url("spend-create", world, successful_bid.pk),
        {"spent_on": "2017-05-02", "amount": "£120.50", "description": "Signage"},
    )
    spend = Spend.objects.filter(bid=successful_bid).first()
    if persona in DELIVERERS:
        assert response.status_code == 302
        assert str(spend.amount) == "120.50"
        assert spend.spent_on == datetime.date(2017, 5, 2)
        assert spend.recorded_by == getattr(world, persona).user
    else:
        assert response.status_code == expected_status(persona, DELIVERERS)
        assert spend is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_spend_is_changed_and_removed_only_by_those_who_record_it(world, spend, persona):
    client = world.client_for(persona)
    response = client.post(
        url("spend-edit", world, spend.pk),
        {"spent_on": "2017-05-03", "amount": "300", "description": "Leaflets", "version": 1},
    )
    spend.refresh_from_db()
    if persona in DELIVERERS:
        assert response.status_code == 302
        assert str(spend.amount) == "300.00"
        response = client.post(url("spend-delete", world, spend.pk), {"version": spend.version})
        assert response.status_code == 302
        assert not Spend.objects.filter(pk=spend.pk).exists()
    else:
        assert response.status_code == expected_status(persona, DELIVERERS)
        assert str(spend.amount) == "250.00"
        response = client.post(url("spend-delete", world, spend.pk), {"version": spend.version})
        assert response.status_code == expected_status(persona, DELIVERERS)
        assert Spend.objects.filter(pk=spend.pk).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_add_and_rename_funders(world, funder, persona):
    client = world.client_for(persona)
    client.post(url("funder-create", world), {"name": "Home Office", "notes": ""})
    client.post(
        url("funder-edit", world, funder.pk), {"name": "PCC for Herts", "notes": "", "version": 1}
    )
    funder.refresh_from_db()
    added = Funder.objects.filter(partnership=world.partnership, name="Home Office").exists()
    assert added == (persona in MANAGERS)
    assert (funder.name == "PCC for Herts") == (persona in MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_confirm_an_import(world, persona):
    response = world.client_for(persona).post(url("bid-import-confirm", world), {"token": "x"})
    if persona in MANAGERS:
        assert response.status_code == 302  # no such preview: back to the upload page
        assert response["Location"] == url("bid-import", world)
    else:
        assert response.status_code == expected_status(persona, MANAGERS)
    assert not FundingBid.objects.exists()


def test_confirming_needs_post(world):
    response = world.client_for("coordinator").get(url("bid-import-confirm", world))
    assert response.status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_main_navigation_links(world, persona):
    from sosafe import registry

    labels = [link.label for link in registry.nav_links(getattr(world, persona))]
    assert ("Funding bids" in labels) == (persona in READERS | {"outsider"})
    assert "Funding summary" in labels

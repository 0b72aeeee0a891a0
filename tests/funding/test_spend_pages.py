"""Spend against successful bids: recorded, corrected, removed; refused on any other bid."""

from decimal import Decimal

import pytest

from funding.models import Spend
from tests.funding.conftest import url

pytestmark = pytest.mark.django_db


def test_spend_on_a_bid_that_is_not_successful_is_refused(world, submitted_bid):
    client = world.client_for("coordinator")
    page = client.get(url("spend-create", world, submitted_bid.pk)).content.decode()
    assert "Spend can only be recorded against a successful bid" in page
    assert '<form method="post" novalidate>' not in page
    response = client.post(
        url("spend-create", world, submitted_bid.pk),
        {"spent_on": "2018-01-05", "amount": "100", "description": "Cameras"},
    )
    assert response.status_code == 200
    assert "only be recorded against a successful bid" in str(response.context["form"].errors)
    assert not Spend.objects.exists()


def test_spend_must_be_a_positive_amount_of_money(world, successful_bid):
    client = world.client_for("officer")
    for amount, says in [
        ("0", "above £0.00"),
        ("£1,2,3", "not an amount of money"),
        ("", "required"),
    ]:
        response = client.post(
            url("spend-create", world, successful_bid.pk),
            {"spent_on": "2018-01-05", "amount": amount, "description": "Cameras"},
        )
        assert says in str(response.context["form"].errors["amount"])
    assert not Spend.objects.exists()


def test_spend_updates_the_balance_and_flags_over_spend(world, successful_bid):
    client = world.client_for("officer")
    for amount in ("2,000.10", "1,000.00"):
        client.post(
            url("spend-create", world, successful_bid.pk),
            {"spent_on": "2017-06-01", "amount": amount, "description": "Events"},
        )
    page = client.get(url("bid-detail", world, successful_bid.pk)).content.decode()
    assert "£3,000.10" in page
    assert "Spend of £3,000.10 is more than the award of £3,000.00, by £0.10." in page
    listing = client.get(url("bid-list", world)).content.decode()
    assert "more than the award" in listing


def test_two_edits_of_the_same_spend_entry(world, spend):
    coordinator, officer = world.client_for("coordinator"), world.client_for("officer")
    data = {"spent_on": "2017-08-01", "description": "Leaflets", "version": 1}
    assert (
        coordinator.post(url("spend-edit", world, spend.pk), {**data, "amount": "260"}).status_code
        == 302
    )
    response = officer.post(url("spend-edit", world, spend.pk), {**data, "amount": "270"})
    assert response.status_code == 409
    spend.refresh_from_db()
    assert spend.amount == Decimal("260.00")
    assert [(c.theirs, c.yours) for c in response.context["conflict"].changes] == [
        ("260.00", "270.00")
    ]


def test_removing_a_spend_entry_someone_just_changed_is_held_back(world, spend):
    officer = world.client_for("officer")
    world.client_for("coordinator").post(
        url("spend-edit", world, spend.pk),
        {"spent_on": "2017-08-01", "description": "Leaflets", "amount": "999", "version": 1},
    )
    response = officer.post(url("spend-delete", world, spend.pk), {"version": 1})
    assert response.status_code == 409
    assert Spend.objects.filter(pk=spend.pk).exists()
    assert "£999.00" in response.content.decode()

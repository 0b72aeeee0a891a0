"""The pipeline: draft → submitted → successful / unsuccessful / withdrawn, and its corrections."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from funding import rules, services
from funding.models import CORRECTIONS, PIPELINE, BidStatus, FundingBid
from tests.factories import FundingBidFactory, SpendFactory

pytestmark = pytest.mark.django_db

S = BidStatus


def move(world, bid, persona="coordinator", note="", **changes):
    bid = FundingBid.objects.get(pk=bid.pk)
    seen = bid.version
    for name, value in changes.items():
        setattr(bid, name, value)
    return services.bid_update(
        membership=getattr(world, persona), bid=bid, seen_version=seen, note=note
    )


def test_the_pipeline_table():
    assert {
        S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
        S.SUBMITTED: {S.SUCCESSFUL, S.UNSUCCESSFUL, S.WITHDRAWN},
        S.SUCCESSFUL: set(),
        S.UNSUCCESSFUL: set(),
        S.WITHDRAWN: set(),
    } == PIPELINE
    assert {S.SUCCESSFUL: {S.UNSUCCESSFUL}, S.UNSUCCESSFUL: {S.SUCCESSFUL}} == CORRECTIONS


def test_a_bid_goes_from_draft_to_submitted_to_successful_with_a_timeline(world, draft_bid):
    move(world, draft_bid, status=S.SUBMITTED, submitted_on=datetime.date(2017, 9, 1))
    move(
        world,
        draft_bid,
        persona="officer",
        status=S.SUCCESSFUL,
        decision_on=datetime.date(2017, 10, 1),
        amount_awarded=Decimal("3000.00"),
        note="Letter from the PCC's office",
    )
    draft_bid.refresh_from_db()
    assert draft_bid.status == S.SUCCESSFUL
    steps = list(draft_bid.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED, world.coordinator.user.pk),
        (S.SUBMITTED, S.SUCCESSFUL, world.officer.user.pk),
    ]
    assert draft_bid.status_changes.last().note == "Letter from the PCC's office"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.DRAFT, S.SUCCESSFUL),
        (S.DRAFT, S.UNSUCCESSFUL),
        (S.SUBMITTED, S.DRAFT),
        (S.WITHDRAWN, S.SUBMITTED),
        (S.WITHDRAWN, S.DRAFT),
        (S.UNSUCCESSFUL, S.SUBMITTED),
        (S.SUCCESSFUL, S.WITHDRAWN),
    ],
)
def test_steps_outside_the_pipeline_are_refused(world, funder, start, target):
    awarded = Decimal("10.00") if start == S.SUCCESSFUL else None
    bid = FundingBidFactory(
        partnership=world.partnership, funder=funder, status=start, amount_awarded=awarded
    )
    extra = {"amount_awarded": Decimal("10.00")} if target == S.SUCCESSFUL else {}
    if target != S.SUCCESSFUL:
        extra["amount_awarded"] = None
    with pytest.raises(ValidationError) as error:
        move(world, bid, status=target, note="because", **extra)
    assert "status" in error.value.message_dict
    bid.refresh_from_db()
    assert bid.status == start
    assert bid.version == 1
    assert not bid.status_changes.exists()


def test_a_coordinator_corrects_a_decision_with_a_reason(world, funder):
    bid = FundingBidFactory(partnership=world.partnership, funder=funder, status=S.UNSUCCESSFUL)
    with pytest.raises(ValidationError) as error:
        move(world, bid, status=S.SUCCESSFUL, amount_awarded=Decimal("500.00"))
    assert "status_note" in error.value.message_dict
    move(
        world,
        bid,
        status=S.SUCCESSFUL,
        amount_awarded=Decimal("500.00"),
        note="The PCC reversed its decision on appeal.",
    )
    change = bid.status_changes.get()
    assert (change.from_status, change.to_status, change.is_correction) == (
        S.UNSUCCESSFUL,
        S.SUCCESSFUL,
        True,
    )


def test_an_officer_may_not_correct_a_decision(world, funder):
    bid = FundingBidFactory(
        partnership=world.partnership,
        funder=funder,
        organisation=world.lead_org,
        status=S.SUCCESSFUL,
        amount_awarded=Decimal("500.00"),
    )
    assert rules.next_statuses(world.officer, S.SUCCESSFUL) == []
    assert rules.next_statuses(world.coordinator, S.SUCCESSFUL) == [S.UNSUCCESSFUL]
    with pytest.raises(ValidationError, match="Only a coordinator may correct"):
        move(world, bid, persona="officer", status=S.UNSUCCESSFUL, amount_awarded=None, note="x")


def test_a_decision_with_spend_against_it_cannot_be_reversed(world, successful_bid):
    SpendFactory(bid=successful_bid, amount=Decimal("10.00"))
    with pytest.raises(ValidationError, match="Remove the spend entries"):
        move(world, successful_bid, status=S.UNSUCCESSFUL, amount_awarded=None, note="error")


def test_an_award_needs_a_successful_status(world, submitted_bid):
    with pytest.raises(ValidationError) as error:
        move(world, submitted_bid, amount_awarded=Decimal("100.00"))
    assert "only for a successful bid" in error.value.message_dict["amount_awarded"][0]
    with pytest.raises(ValidationError) as error:
        move(world, submitted_bid, status=S.SUCCESSFUL)
    assert "Enter the amount awarded" in error.value.message_dict["amount_awarded"][0]


def test_the_database_refuses_an_award_on_a_bid_that_is_not_successful(world, draft_bid):
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingBid.objects.filter(pk=draft_bid.pk).update(amount_awarded=Decimal("1.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingBid.objects.filter(pk=draft_bid.pk).update(status=S.SUCCESSFUL)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingBid.objects.filter(pk=draft_bid.pk).update(amount_requested=Decimal("-1.00"))


def test_the_amount_requested_may_be_empty(world, funder):
    bid = FundingBid(
        partnership=world.partnership,
        funder=funder,
        title="Healthy relationships",
        status=S.UNSUCCESSFUL,
    )
    services.bid_create(membership=world.coordinator, bid=bid)
    bid.refresh_from_db()
    assert bid.amount_requested is None


def test_officers_may_not_hand_a_bid_to_another_organisation(world, draft_bid):
    with pytest.raises(ValidationError, match="Only a coordinator may change who delivers"):
        move(world, draft_bid, persona="officer", organisation=world.other_org)
    move(world, draft_bid, persona="coordinator", organisation=world.other_org)
    draft_bid.refresh_from_db()
    assert draft_bid.organisation == world.other_org


def test_services_check_who_is_asking(world, draft_bid):
    with pytest.raises(PermissionDenied):
        move(world, draft_bid, persona="other_officer", title="Mine now")
    with pytest.raises(PermissionDenied):
        services.bid_create(membership=world.officer, bid=FundingBid(title="x", status=S.DRAFT))


def test_spend_is_refused_on_a_bid_that_is_not_successful(world, submitted_bid):
    with pytest.raises(ValidationError, match="only be recorded against a successful bid"):
        services.spend_add(
            membership=world.coordinator,
            bid=submitted_bid,
            spent_on=datetime.date(2018, 1, 1),
            amount=Decimal("10.00"),
            description="Too early",
        )
    assert not submitted_bid.spend_entries.exists()


def test_a_new_bid_may_be_recorded_at_any_status(world):
    assert rules.next_statuses(world.coordinator, None) == list(S.values)

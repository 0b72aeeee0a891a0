"""Writes to funding records. Views, the import and the demo loader all come through here."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from actionplan.models import Objective
from funding import rules
from funding.models import BidStatus, BidStatusChange, Funder, FundingBid, Spend
from funding.money import format_pounds
from sosafe.concurrency import delete_if_unchanged, save_if_unchanged
from sosafe.models import Membership


def _allowed(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def check_status_change(
    *, membership: Membership, previous: FundingBid, bid: FundingBid, note: str
) -> None:
    """The pipeline, the corrections and what a change of status must leave consistent."""
    if bid.status == previous.status:
        return
    if bid.status not in rules.next_statuses(membership, previous.status):
        if rules.is_correction(previous.status, bid.status):
            message = (
                f"Only a coordinator may correct a decision from "
                f"{previous.get_status_display()} to {bid.get_status_display()}."
            )
        else:
            onward = rules.next_statuses(membership, previous.status)
            labels = ", ".join(BidStatus(s).label for s in onward) or "nowhere: it is final"
            message = (
                f"A bid that is {previous.get_status_display()} cannot become "
                f"{bid.get_status_display()}; from here it can go to {labels}."
            )
        raise ValidationError({"status": message})
    if rules.is_correction(previous.status, bid.status) and not note.strip():
        raise ValidationError(
            {"status_note": "Say why the decision is being corrected; the timeline keeps it."}
        )
    if previous.status == BidStatus.SUCCESSFUL and previous.spend_entries.exists():
        raise ValidationError(
            {
                "status": f"{format_pounds(previous.spent)} of spend is recorded against this "
                "award. Remove the spend entries before changing the decision."
            }
        )


def _record_status(
    *, bid: FundingBid, from_status: str, membership: Membership, note: str
) -> BidStatusChange:
    return BidStatusChange.objects.create(
        bid=bid,
        from_status=from_status,
        to_status=bid.status,
        is_correction=rules.is_correction(from_status, bid.status) if from_status else False,
        note=note.strip(),
        changed_by=membership.user if membership.user.pk else None,
    )


def bid_create(
    *,
    membership: Membership,
    bid: FundingBid,
    objectives: Iterable[Objective] = (),
    note: str = "",
) -> FundingBid:
    """Record a new bid at any status (earlier bids are often entered after the event)."""
    _allowed(rules.can_manage_funding(membership), "Only coordinators record new bids.")
    bid.partnership = membership.partnership
    with transaction.atomic():
        bid.full_clean()
        bid.save()
        bid.objectives.set(_objectives_of(membership, objectives))
        _record_status(bid=bid, from_status="", membership=membership, note=note)
    return bid


def bid_update(
    *,
    membership: Membership,
    bid: FundingBid,
    seen_version: int,
    objectives: Iterable[Objective] | None = None,
    note: str = "",
) -> FundingBid:
    """Save an edited bid if nobody else saved it since ``seen_version`` (else ``StaleEdit``).

    A change of status must follow the pipeline and is recorded in the bid's timeline.
    """
    with transaction.atomic():
        previous = FundingBid.objects.select_for_update().get(pk=bid.pk)
        _allowed(rules.can_edit_bid(membership, previous), "You may not edit this bid.")
        # A stale edit is reported by save_if_unchanged below; the checks here are for the
        # record as the person saw it.
        if previous.version == seen_version:
            if (
                not rules.can_manage_funding(membership)
                and bid.organisation_id != previous.organisation_id
            ):
                raise ValidationError(
                    {"organisation": "Only a coordinator may change who delivers a bid."}
                )
            check_status_change(membership=membership, previous=previous, bid=bid, note=note)
            bid.full_clean()
        save_if_unchanged(bid, seen_version=seen_version)
        if objectives is not None:
            bid.objectives.set(_objectives_of(membership, objectives))
        if bid.status != previous.status:
            _record_status(bid=bid, from_status=previous.status, membership=membership, note=note)
    return bid


def _objectives_of(membership: Membership, objectives: Iterable[Objective]) -> list[Objective]:
    chosen = list(objectives)
    strangers = [o for o in chosen if o.strategy.partnership_id != membership.partnership.pk]
    if strangers:
        raise ValidationError({"objectives": "Choose objectives of this partnership's strategies."})
    return chosen


def spend_add(
    *, membership: Membership, bid: FundingBid, spent_on, amount, description: str
) -> Spend:
    with transaction.atomic():
        # Locked so that a decision being corrected at this moment cannot slip past.
        locked = FundingBid.objects.select_for_update().get(pk=bid.pk)
        _allowed(rules.can_record_spend(membership, locked), "You may not record spend here.")
        if locked.status != BidStatus.SUCCESSFUL:
            raise ValidationError(
                f"Spend can only be recorded against a successful bid; this bid is "
                f"{locked.get_status_display().lower()}."
            )
        spend = Spend(
            bid=locked,
            spent_on=spent_on,
            amount=amount,
            description=description,
            recorded_by=membership.user if membership.user.pk else None,
        )
        spend.full_clean()
        spend.save()
    return spend


def spend_update(*, membership: Membership, spend: Spend, seen_version: int) -> Spend:
    _allowed(rules.can_record_spend(membership, spend.bid), "You may not change this spend.")
    with transaction.atomic():
        spend.full_clean()
        save_if_unchanged(spend, seen_version=seen_version)
    return spend


def spend_delete(*, membership: Membership, spend: Spend, seen_version: int) -> None:
    _allowed(rules.can_record_spend(membership, spend.bid), "You may not remove this spend.")
    with transaction.atomic():
        # Removing an entry someone has just corrected would lose their correction unseen.
        delete_if_unchanged(spend, seen_version=seen_version)


def funder_create(*, membership: Membership, funder: Funder) -> Funder:
    _allowed(rules.can_manage_funding(membership), "Only coordinators add funders.")
    funder.partnership = membership.partnership
    funder.full_clean()
    funder.save()
    return funder


def funder_update(*, membership: Membership, funder: Funder, seen_version: int) -> Funder:
    _allowed(rules.can_manage_funding(membership), "Only coordinators change funders.")
    with transaction.atomic():
        funder.full_clean()
        save_if_unchanged(funder, seen_version=seen_version)
    return funder

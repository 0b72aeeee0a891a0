"""Who may do what with funding. Views, services and templates ask here; nothing else decides.

- Coordinators and administrators manage: funders, bids, spend, import.
- Lead officers update the bids their organisation delivers, move them along the pipeline
  (not correct a decision) and record their spend: they hold the receipts.
- RAG members and officers read every bid of the partnership.
- The scrutiny committee reads the funding summary only: its secured / pending / unsuccessful
  figures are what the public committee paper quotes. The bid list, bid pages and exports hold
  drafts, working notes and officers' grant monitoring, which are partnership business.
"""

from funding.models import CORRECTIONS, PIPELINE, BidStatus, FundingBid
from sosafe.models import Membership, Role


def can_read_bids(membership: Membership) -> bool:
    return membership.role in {Role.ADMIN, Role.COORDINATOR, Role.OFFICER, Role.MEMBER}


def can_read_summary(membership: Membership) -> bool:
    return can_read_bids(membership) or membership.role == Role.SCRUTINY


def can_manage_funding(membership: Membership) -> bool:
    """Create bids and funders, edit any bid, import."""
    return membership.can_manage


def delivers(membership: Membership, bid: FundingBid) -> bool:
    return (
        membership.role == Role.OFFICER
        and membership.organisation_id is not None
        and bid.organisation_id == membership.organisation_id
    )


def can_edit_bid(membership: Membership, bid: FundingBid) -> bool:
    return can_manage_funding(membership) or delivers(membership, bid)


def can_record_spend(membership: Membership, bid: FundingBid) -> bool:
    """Whether this person may add, change or remove spend on the bid (if it is successful)."""
    return can_edit_bid(membership, bid)


def can_correct_decision(membership: Membership) -> bool:
    return can_manage_funding(membership)


def next_statuses(membership: Membership, current: str | None) -> list[str]:
    """The statuses this person may give a bid now at ``current`` (``None``: a new bid)."""
    if current is None:
        # Recording a bid after the event is normal (last year's awards), so a new bid may
        # start at any status; the pipeline governs what happens to it afterwards.
        return list(BidStatus.values)
    allowed = set(PIPELINE[current])
    if can_correct_decision(membership):
        allowed |= CORRECTIONS.get(current, frozenset())
    return [status for status in BidStatus.values if status in allowed]


def is_correction(from_status: str, to_status: str) -> bool:
    return to_status in CORRECTIONS.get(from_status, frozenset())

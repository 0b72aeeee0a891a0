"""Demo funders and bids from fixtures/sosafe/funding.json (taken from the SoSafe documents)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from actionplan.models import Objective
from funding import services
from funding.models import Funder, FundingBid
from sosafe.demo import organisations_by_short_name, read
from sosafe.models import Membership, Partnership, Role

FIXTURE = "funding.json"
OBJECTIVE_NOTE = (
    "The objective link is the demo's reading of the bid's purpose; the documents do not map "
    "funding to objectives."
)


def _loader(partnership: Partnership) -> Membership:
    """The demo records bids as an administrator with no account: no person is named in the
    timeline or the history for what came from the documents."""
    return Membership(partnership=partnership, role=Role.ADMIN, user=get_user_model()())


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _amount(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    """Load the demo funding. ``memberships`` is part of the loaders' common signature."""
    data = read(FIXTURE)
    funders = {
        row["name"]: Funder.objects.create(
            partnership=partnership, name=row["name"], notes=row.get("notes", "")
        )
        for row in data["funders"]
    }
    organisations = organisations_by_short_name(partnership)
    objectives = {
        f"{o.strategy.start_year}-{o.strategy.end_year}/{o.number}": o
        for o in Objective.objects.filter(strategy__partnership=partnership).select_related(
            "strategy"
        )
    }
    recorder = _loader(partnership)
    for row in data["bids"]:
        linked = [objectives[ref] for ref in row.get("objectives", []) if ref in objectives]
        notes = [row.get("notes", "")]
        if linked:
            notes.append(OBJECTIVE_NOTE)
        sources = "; ".join(data["sources"][key] for key in row["sources"])
        bid = FundingBid(
            partnership=partnership,
            title=row["title"],
            funder=funders[row["funder"]] if row.get("funder") else None,
            fund=row.get("fund", ""),
            organisation=organisations[row["organisation"]] if row.get("organisation") else None,
            delivering_team=row.get("delivering_team", ""),
            purpose=row.get("purpose", ""),
            amount_requested=_amount(row.get("amount_requested")),
            amount_awarded=_amount(row.get("amount_awarded")),
            status=row["status"],
            submitted_on=_date(row.get("submitted_on")),
            decision_on=_date(row.get("decision_on")),
            received_on=_date(row.get("received_on")),
            date_precision=row.get("date_precision", "day"),
            notes="\n\n".join(filter(None, notes)) + f"\n\nSource: {sources}.",
        )
        services.bid_create(
            membership=recorder, bid=bid, objectives=linked, note=f"From {sources}."
        )

"""Demo strategies and the 2017/18 action plan, from fixtures/sosafe."""

import datetime
from decimal import Decimal

from django.utils import timezone

from actionplan import services
from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    ProgressUpdate,
    StrategicAim,
    Strategy,
    Theme,
)
from sosafe.demo import add_organisations, organisations_by_short_name, read
from sosafe.models import Membership, Partnership, Role
from sosafe.periods import FinancialYear

STRATEGY_FILES = ["strategy-2018-2021.json", "strategy-2025-2028.json"]
PLAN_FILES = ["action-plan-2017-18.json"]
# The March 2018 committee paper reported "progress to date" while Q4 was still running, so
# the demo keeps Q4 2017/18 open, with a deadline after the quarter's end, for people to try
# the update journey.
DEMO_OPEN_QUARTER = (FinancialYear(2017), 4)
DEMO_OPENED_ON = datetime.date(2018, 3, 19)  # the committee paper's agenda was published
DEMO_DEADLINE = datetime.date(2018, 4, 13)


def load_strategy(partnership: Partnership, data: dict) -> Strategy:
    orgs = organisations_by_short_name(partnership)
    strategy = Strategy.objects.create(
        partnership=partnership,
        title=data["title"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        status=data["status"],
    )
    for aim in data["aims"]:
        StrategicAim.objects.create(strategy=strategy, number=aim["number"], text=aim["text"])
    for row in data["objectives"]:
        objective = Objective.objects.create(
            strategy=strategy,
            number=row["number"],
            title=row["title"],
            description=row.get("description", ""),
            what_we_will_do="\n".join(row.get("what_we_will_do", [])),
            how_measured="\n".join(row.get("how_measured", [])),
            supporting_services="\n".join(row.get("supporting_services", [])),
        )
        objective.supporting_organisations.set(
            orgs[name] for name in row.get("supporting_organisations", [])
        )
    return strategy


def load_plan(partnership: Partnership, data: dict) -> ActionPlan:
    add_organisations(partnership, data.get("organisations", []))
    orgs = organisations_by_short_name(partnership)
    source = data["action_plan"]
    objectives_note = source.get("strategy_objectives_note") or []
    plan = ActionPlan.objects.create(
        partnership=partnership,
        year=FinancialYear.parse(source["year"]),
        title=source["title"],
        status=source["status"],
        notes=(
            "Relates to the strategic objectives of the 2015–18 strategy:\n"
            + "\n".join(objectives_note)
            if objectives_note
            else ""
        ),
    )
    for theme_row in source["themes"]:
        theme = Theme.objects.create(
            plan=plan, number=theme_row["number"], title=theme_row["title"]
        )
        for aim_row in theme_row["aims"]:
            aim_number = int(aim_row["ref"].split(".")[1])
            aim = Aim.objects.create(theme=theme, number=aim_number, text=aim_row["text"])
            for action_row in aim_row["actions"]:
                _load_action(aim, action_row, orgs)
    return plan


def _load_action(aim: Aim, row: dict, orgs: dict) -> Action:
    action = Action.objects.create(
        aim=aim,
        letter=row["letter"],
        text=row["text"],
        other_partners="\n".join(row.get("other_partners", [])),
        resources=row.get("resources", ""),
        restricted=row.get("restricted", False),
    )
    action.partners.set(orgs[name] for name in row.get("partners", []))
    for lead in row["leads"]:
        ActionLead.objects.create(
            action=action, organisation=orgs[lead["organisation"]], officer_role=lead["role"]
        )
    ExpectedOutcome.objects.bulk_create(
        ExpectedOutcome(
            action=action,
            text=outcome["text"],
            target=None if outcome.get("target") is None else Decimal(str(outcome["target"])),
            unit=outcome.get("unit", ""),
            order=index,
        )
        for index, outcome in enumerate(row.get("expected_outcomes", []))
    )
    progress = row.get("progress")
    if progress:
        # Reported to the committee as progress to date but never reviewed as the quarter's
        # final word: submitted, for the coordinator to accept or return.
        ProgressUpdate.objects.create(
            action=action,
            quarter=int(progress["quarter"].lstrip("Q")),
            status=progress["status"],
            narrative=progress.get("narrative", ""),
            state=ProgressUpdate.State.SUBMITTED,
            submitted_at=timezone.now(),
        )
    return action


def link_lead_officers(memberships: list[Membership]) -> None:
    """Name demo users as the lead officer where their job title is the lead's role."""
    for membership in memberships:
        if membership.organisation_id and membership.job_title:
            ActionLead.objects.filter(
                organisation=membership.organisation, officer_role=membership.job_title
            ).update(officer=membership.user)


def open_demo_quarter(partnership: Partnership, memberships: list[Membership]) -> None:
    coordinator = next((m for m in memberships if m.role == Role.COORDINATOR), None)
    if coordinator is None:
        return
    year, quarter = DEMO_OPEN_QUARTER
    services.quarter_open(
        membership=coordinator,
        plan=ActionPlan.objects.get(partnership=partnership, year=year),
        quarter=quarter,
        opens_on=DEMO_OPENED_ON,
        deadline=DEMO_DEADLINE,
    )


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    for name in STRATEGY_FILES:
        load_strategy(partnership, read(name))
    for name in PLAN_FILES:
        load_plan(partnership, read(name))
    link_lead_officers(memberships)
    open_demo_quarter(partnership, memberships)

"""Demo strategies, the 2017/18 action plan with its progress to date and the 2018/19 draft
rolled forward from it, from fixtures/sosafe."""

import datetime
from decimal import Decimal

from django.utils import timezone

from actionplan import cycle_services, services
from actionplan.models import (
    Action,
    ActionLead,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    Objective,
    OutcomeProgress,
    ProgressUpdate,
    Status,
    StrategicAim,
    Strategy,
    Theme,
)
from sosafe.concurrency import save_if_unchanged
from sosafe.demo import add_organisations, organisations_by_short_name, read
from sosafe.models import Membership, Partnership, Role
from sosafe.periods import FinancialYear

STRATEGY_FILES = ["strategy-2018-2021.json", "strategy-2025-2028.json"]
PLAN_FILES = ["action-plan-2017-18.json"]
# Next year's plan as the paper describes it: in draft, rolled forward from the year before.
DRAFT_FILES = ["action-plan-2018-19.json"]
# An aim whose text the source document leaves out is shown with this after the text we
# reconstructed, wherever the aim appears (plan page, action page, papers, exports).
RECONSTRUCTED = " (Aim text reconstructed: the committee paper leaves it out.)"
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
            text = aim_row["text"] + (RECONSTRUCTED if aim_row.get("reconstructed") else "")
            aim = Aim.objects.create(theme=theme, number=aim_number, text=text)
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
        update = ProgressUpdate.objects.create(
            action=action,
            quarter=int(progress["quarter"].lstrip("Q")),
            status=progress["status"],
            narrative=progress.get("narrative", ""),
            state=ProgressUpdate.State.SUBMITTED,
            submitted_at=timezone.now(),
        )
        _load_outcome_progress(update, list(action.outcomes.all()), progress)
    return action


def _load_outcome_progress(update: ProgressUpdate, outcomes: list, progress: dict) -> None:
    """The figures achieved the document reports against numeric outcomes, and a tick on
    every outcome of an action reported complete (as a lead officer's update records them)."""
    figures = {row["outcome"]: row["achieved"] for row in progress.get("figures", [])}
    unknown = set(figures) - {outcome.text for outcome in outcomes}
    if unknown:
        raise ValueError(f"{update.action.ref}: figures for outcomes it does not have: {unknown}")
    complete = progress["status"] == Status.COMPLETE
    for outcome in outcomes:
        figure = figures.get(outcome.text)
        if figure is not None and not outcome.is_numeric:
            raise ValueError(f"{update.action.ref}: {outcome.text!r} has no target for a figure.")
        if figure is not None or complete:
            OutcomeProgress.objects.create(
                update=update,
                outcome=outcome,
                achieved_figure=None if figure is None else Decimal(str(figure)),
                achieved=complete,
            )


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


def load_draft(partnership: Partnership, coordinator: Membership, data: dict) -> ActionPlan:
    """Next year's draft, made by rolling the plan before it forward (the portal's own
    roll-forward), then given the themes the fixture names. Each carried action keeps its
    reference; the fixture says under which theme each one sits, and is checked against it."""
    source = data["action_plan"]
    previous = ActionPlan.objects.get(
        partnership=partnership, year=FinancialYear.parse(source["rolled_from"])
    )
    rolled = cycle_services.plan_roll_forward(plan=previous, by=coordinator)
    plan = rolled.new_plan
    if plan.year != FinancialYear.parse(source["year"]):
        raise ValueError(f"{previous} rolls forward to {plan.year}, not {source['year']}.")
    placed = {ref: row["number"] for row in source["themes"] for ref in row.get("carried", [])}
    carried = {row.action.ref: row.carried_to.aim.theme.number for row in rolled.split.carried}
    if placed != carried:
        raise ValueError(f"The fixture places carried actions {placed}; they sit at {carried}.")
    themes = {theme.number: theme for theme in plan.themes.all()}
    for row in source["themes"]:
        theme = themes.get(row["number"])
        if theme is None:
            Theme.objects.create(plan=plan, number=row["number"], title=row["title"])
        elif theme.title != row["title"]:
            theme.title = row["title"]
            save_if_unchanged(theme, seen_version=theme.version)
    if source.get("strategy_start_year"):
        plan.strategy = Strategy.objects.get(
            partnership=partnership, start_year=source["strategy_start_year"]
        )
    plan.notes = source.get("notes", "")
    plan._history_user = coordinator.user
    save_if_unchanged(plan, seen_version=plan.version)
    return plan


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    for name in STRATEGY_FILES:
        load_strategy(partnership, read(name))
    for name in PLAN_FILES:
        load_plan(partnership, read(name))
    link_lead_officers(memberships)
    open_demo_quarter(partnership, memberships)
    coordinator = next((m for m in memberships if m.role == Role.COORDINATOR), None)
    if coordinator is not None:
        for name in DRAFT_FILES:
            load_draft(partnership, coordinator, read(name))

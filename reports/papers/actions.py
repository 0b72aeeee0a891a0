"""Actions as papers show them: frozen rows built from ``actionplan.selectors.paper_actions``."""

from dataclasses import dataclass

from actionplan.models import Action, Status

STATUS_LABELS = dict(Status.choices)


@dataclass(frozen=True)
class OutcomeRow:
    text: str
    achieved: bool


@dataclass(frozen=True)
class ActionRow:
    theme_number: int
    theme_title: str
    aim_ref: str
    aim_text: str
    ref: str
    text: str
    leads: str
    partners: str
    resources: str
    restricted: bool
    outcomes: tuple[OutcomeRow, ...]
    status: str  # Status value of the latest reported update; "" when there is none
    status_label: str
    narrative: str  # the latest reported narrative: "progress to date"
    quarter: int | None  # the quarter of that update
    this_quarter: bool  # the update is for the paper's last quarter

    @property
    def missing(self) -> bool:
        return not self.this_quarter

    @property
    def outstanding(self) -> tuple[OutcomeRow, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.achieved)


def _leads(action: Action) -> str:
    return "; ".join(lead.label for lead in action.leads.all())


def _partners(action: Action) -> str:
    return ", ".join(action.partner_names)


def action_row(action: Action, *, last_quarter: int) -> ActionRow:
    """One action with its latest reported update up to ``last_quarter``. An outcome counts as
    achieved when that update ticks it, or reports the action complete."""
    updates = action.reported_updates
    latest = updates[-1] if updates else None
    ticked = (
        {p.outcome_id for p in latest.outcome_progress.all() if p.achieved} if latest else set()
    )
    complete = latest is not None and latest.status == Status.COMPLETE
    aim = action.aim
    return ActionRow(
        theme_number=aim.theme.number,
        theme_title=aim.theme.title,
        aim_ref=aim.ref,
        aim_text=aim.text,
        ref=action.ref,
        text=action.text,
        leads=_leads(action),
        partners=_partners(action),
        resources=action.resources,
        restricted=action.restricted,
        outcomes=tuple(
            OutcomeRow(outcome.text, complete or outcome.pk in ticked)
            for outcome in action.outcomes.all()
        ),
        status=latest.status if latest else "",
        status_label=STATUS_LABELS[latest.status] if latest else "No update",
        narrative=latest.narrative if latest else "",
        quarter=latest.quarter if latest else None,
        this_quarter=latest is not None and latest.quarter == last_quarter,
    )


@dataclass(frozen=True)
class AimGroup:
    ref: str
    text: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class ThemeGroup:
    number: int
    title: str
    aims: tuple[AimGroup, ...]

    @property
    def actions(self) -> tuple[ActionRow, ...]:
        return tuple(row for aim in self.aims for row in aim.actions)


def group(rows: list[ActionRow]) -> tuple[ThemeGroup, ...]:
    """Theme, then aim, in the order the rows come (the plan's order)."""
    themes: list[tuple[int, str, list]] = []
    for row in rows:
        if not themes or themes[-1][0] != row.theme_number:
            themes.append((row.theme_number, row.theme_title, []))
        aims = themes[-1][2]
        if not aims or aims[-1][0] != row.aim_ref:
            aims.append((row.aim_ref, row.aim_text, []))
        aims[-1][2].append(row)
    return tuple(
        ThemeGroup(
            number, title, tuple(AimGroup(ref, text, tuple(acts)) for ref, text, acts in aims)
        )
        for number, title, aims in themes
    )


def outcome_cells(row: ActionRow) -> str:
    return "\n".join(outcome.text for outcome in row.outcomes)

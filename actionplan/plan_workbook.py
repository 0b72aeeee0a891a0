"""The action plan as a workbook: the committee paper's appendix, laid out for a spreadsheet,
with this quarter's columns for lead officers to fill in offline and upload again.

The layout, one sheet (an upload reads one; My actions puts every open quarter's plan in it)::

    row 1   the title: "<plan title>: progress for Q4 2017/18, due 13 April 2018"
    row 2   the column names: ``appendix.COLUMNS`` (Aim, Action, Lead, Partners, Resources,
            Expected outcomes, Progress to date), then, while a quarter is open,
            ``QUARTER_COLUMNS`` (Status, Narrative, Figures achieved, Save as), then
            Reference and, with the quarter, Version
    then    for each theme a heading row ("1. Antisocial behaviour" in the first cell only;
            "2018/19 1. Antisocial behaviour" when the sheet holds two plans), then its
            actions, one row each, in the plan's order: "a) Identify …", one lead or partner
            per line, one expected outcome per line, as the paper writes them

Reference names the action and the quarter ("A123-Q4"); Version is the version of the
action's update for that quarter when the file was made (0: there was none yet). They sit at
the right, greyed, and the sheet is protected (no password) so that only the quarter's cells
can be changed; they stay readable.

Readers: ``read_table(content, fmt, header=HEADER)`` finds the column names below the title;
``is_heading`` tells a theme heading row from an action row; readers ignore columns they do not
know. Nothing here queries the database: the actions come with their leads, partners,
outcomes and updates fetched (``actionplan.selectors.workbook``).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.utils.formats import date_format

from actionplan import appendix
from actionplan.models import Action, ProgressUpdate, ReportingQuarter, Status
from actionplan.rules import REPORTED_STATES, leads_action
from sosafe.models import Membership
from sosafe.spreadsheets import Choices, Heading, Sheet

STATUS = "Status"
NARRATIVE = "Narrative"
FIGURES = "Figures achieved"
SAVE_AS = "Save as"
REFERENCE = "Reference"
VERSION = "Version"
QUARTER_COLUMNS: tuple[str, ...] = (STATUS, NARRATIVE, FIGURES, SAVE_AS)
HEADER: tuple[str, ...] = appendix.COLUMNS  # what a reader looks for to find the column names

DRAFT = "Draft"
SUBMITTED = "Submitted"
ACCEPTED = "Accepted"  # written for an accepted update; not a choice
SAVE_AS_CHOICES: tuple[str, ...] = (DRAFT, SUBMITTED)
STATUS_BY_LABEL = {label.lower(): value for value, label in Status.choices}
STATUS_LABELS = dict(Status.choices)

WIDTHS = {
    appendix.AIM: 28,
    appendix.ACTION: 40,
    appendix.LEAD: 22,
    appendix.PARTNERS: 22,
    appendix.RESOURCES: 22,
    appendix.OUTCOMES: 36,
    appendix.PROGRESS: 40,
    STATUS: 14,
    NARRATIVE: 50,
    FIGURES: 18,
    SAVE_AS: 12,
    REFERENCE: 10,
    VERSION: 9,
}
_REFERENCE = re.compile(r"^A(\d+)(?:-Q([1-4]))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """Which action a row is, and for which quarter of its plan's year it was exported."""

    action_pk: int
    quarter: int | None = None

    def __str__(self) -> str:
        return f"A{self.action_pk}" + (f"-Q{self.quarter}" if self.quarter else "")

    @classmethod
    def parse(cls, value) -> "Reference | None":
        match = _REFERENCE.match(cell_text(value))
        if not match:
            return None
        return cls(int(match[1]), int(match[2]) if match[2] else None)


def columns(with_quarter: bool) -> tuple[str, ...]:
    if with_quarter:
        return (*appendix.COLUMNS, *QUARTER_COLUMNS, REFERENCE, VERSION)
    return (*appendix.COLUMNS, REFERENCE)


# The appendix's cells ----------------------------------------------------------------------------


def lead_cell(action: Action) -> str:
    """One lead per line, "SBC (Community Safety Manager)"."""
    return "\n".join(lead.label for lead in action.leads.all())


def partners_cell(action: Action) -> str:
    """One partner per line: organisations, then the groups and others named in words."""
    return "\n".join(action.partner_names)


def action_cell(action: Action) -> str:
    """As the paper writes it: "a) Identify …" (the aim's reference is in the Aim column)."""
    return f"{action.letter}) {action.text}" if action.letter else action.text


def plain_number(value: Decimal | None) -> str:
    """12.50 → "12.5", 100.00 → "100" (never "1E+2"); "" for None."""
    return "" if value is None else f"{value.normalize():f}"


def outcomes_cell(action: Action) -> str:
    """One expected outcome per line, as the paper writes them (targets are in their text)."""
    return "\n".join(outcome.text for outcome in action.outcomes.all())


def numeric_outcomes(action: Action) -> list:
    """The outcomes with a numeric target, in the order of the Expected outcomes column."""
    return [outcome for outcome in action.outcomes.all() if outcome.is_numeric]


def figure_label(outcome) -> str:
    return f"Target {plain_number(outcome.target)} {outcome.unit}".strip()


def progress_cell(action: Action) -> str:
    """Progress to date: the latest update the reader is shown (``quarterly_updates``)."""
    latest = action.latest_update
    return latest.narrative if latest else ""


# This quarter's cells ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterCells:
    """This quarter's update as the workbook holds it; compared to tell an edited row."""

    status: str = ""  # a Status value; "" when blank
    narrative: str = ""
    figures: dict[int, Decimal | None] = field(default_factory=dict)  # numeric outcome pk
    save_as: str = ""  # DRAFT, SUBMITTED, ACCEPTED or ""

    def same_as(self, other: "QuarterCells") -> bool:
        mine = {pk: v for pk, v in self.figures.items() if v is not None}
        theirs = {pk: v for pk, v in other.figures.items() if v is not None}
        return (
            self.status == other.status
            and normalise_lines(self.narrative) == normalise_lines(other.narrative)
            and mine == theirs
            and self.save_as == other.save_as
        )


def save_as_of(update: ProgressUpdate) -> str:
    if update.state == ProgressUpdate.State.ACCEPTED:
        return ACCEPTED
    if update.state == ProgressUpdate.State.SUBMITTED:
        return SUBMITTED
    return DRAFT  # a draft, or returned (saving it as a draft keeps it returned)


def shows_update(membership: Membership, action: Action, update: ProgressUpdate | None) -> bool:
    """Whether this quarter's update goes in the person's copy: reported progress, their own
    draft, or one they may edit (as the update form would show it to them)."""
    if update is None:
        return False
    return (
        membership.can_manage
        or update.state in REPORTED_STATES
        or update.author_id == membership.user_id
        or leads_action(membership, action)
    )


def quarter_cells(
    membership: Membership,
    action: Action,
    update: ProgressUpdate | None,
    figures: dict[int, Decimal | None] | None = None,
) -> QuarterCells:
    """What the person's copy holds for this quarter: ``update`` (or its history record, with
    ``figures`` as they were then; else its ``outcome_progress``, fetched)."""
    if not shows_update(membership, action, update):
        return QuarterCells()
    if figures is None:
        figures = {row.outcome_id: row.achieved_figure for row in update.outcome_progress.all()}
    return QuarterCells(
        status=update.status,
        narrative=update.narrative,
        figures={o.pk: figures.get(o.pk) for o in action.outcomes.all() if o.is_numeric},
        save_as=save_as_of(update),
    )


def figures_cell(action: Action, figures: dict[int, Decimal | None]):
    """One numeric outcome: its figure as a number. Several: a line each, in the order of the
    Expected outcomes, labelled with its target: "Target 10 sessions: 4"."""
    numeric = numeric_outcomes(action)
    if not numeric:
        return None
    if len(numeric) == 1:
        return figures.get(numeric[0].pk)
    return "\n".join(
        f"{figure_label(o)}: {plain_number(figures.get(o.pk))}".strip() for o in numeric
    )


def quarter_values(action: Action, cells: QuarterCells) -> list:
    return [
        STATUS_LABELS.get(cells.status, ""),
        cells.narrative,
        figures_cell(action, cells.figures),
        cells.save_as,
    ]


# The sheet ------------------------------------------------------------------------------------


def _title(plan, window: ReportingQuarter | None) -> str:
    if window is None:
        return f"{plan.title}: no quarter is open for updates"
    return f"{plan.title}: progress for {window.period}, due {date_format(window.deadline)}"


class Section(Protocol):
    """A plan's actions for the sheet (``actionplan.selectors.WorkbookPlan``)."""

    plan: object
    window: ReportingQuarter | None
    actions: Sequence[Action]


def _action_row(membership: Membership, action: Action, window: ReportingQuarter | None) -> list:
    row = [
        f"{action.aim.ref} {action.aim.text}",
        action_cell(action),
        lead_cell(action),
        partners_cell(action),
        action.resources,
        outcomes_cell(action),
        progress_cell(action),
    ]
    if window is None:
        return [*row, str(Reference(action.pk))]
    update = window_update(action)
    cells = quarter_cells(membership, action, update)
    return [
        *row,
        *quarter_values(action, cells),
        str(Reference(action.pk, window.quarter)),
        update.version if update is not None else 0,
    ]


def plan_sheet(*, membership: Membership, sections: Sequence[Section], title: str = "") -> Sheet:
    """The plans' actions in the appendix's layout, in one sheet (an upload reads one); with
    their open quarters, the quarter's columns. Several plans (My actions when two years'
    quarters are open at once): each theme heading names its plan's year.

    Each section's ``actions`` in the plan's order, each with ``leads`` (and their
    organisations), ``partners``, ``outcomes``, ``quarterly_updates`` (the updates the person
    is shown) and, with a window, ``window_updates`` (that quarter's update, with its outcome
    progress)."""
    with_quarter = all(section.window is not None for section in sections) and bool(sections)
    rows: list = []
    for section in sections:
        window = section.window if with_quarter else None
        year = f"{section.plan.year} " if len(sections) > 1 else ""
        theme_pk = None
        for action in section.actions:
            theme = action.aim.theme
            if theme.pk != theme_pk:
                rows.append(Heading(f"{year}{theme.number}. {theme.title}"))
                theme_pk = theme.pk
            rows.append(_action_row(membership, action, window))
    return Sheet(
        title=title or (sections[0].plan.year.slug if sections else "Actions"),
        headers=columns(with_quarter),
        rows=rows,
        caption="; ".join(_title(s.plan, s.window if with_quarter else None) for s in sections),
        choices=(
            (
                Choices(STATUS, tuple(STATUS_LABELS.values())),
                Choices(SAVE_AS, SAVE_AS_CHOICES, "Draft keeps it to you; Submitted sends it."),
            )
            if with_quarter
            else ()
        ),
        widths={name: WIDTHS[name] for name in columns(with_quarter)},
        editable=QUARTER_COLUMNS if with_quarter else (),
        shaded=(REFERENCE, VERSION),
    )


def window_update(action: Action) -> ProgressUpdate | None:
    updates = getattr(action, "window_updates", None) or []
    return updates[0] if updates else None


# Reading a row back ---------------------------------------------------------------------------


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise_lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def is_heading(cells: Sequence) -> bool:
    """A theme heading row: text in the first cell only."""
    return bool(cell_text(cells[0])) and not any(cell_text(c) for c in cells[1:])


def read_version(value) -> int | None:
    """The Version cell as a number (0 when blank); None when it is not one."""
    text = cell_text(value)
    if not text:
        return 0
    return int(text) if text.isdigit() else None


def read_status(value) -> str | None:
    """A Status value from its label ("On track") or value ("on_track"); "" when blank;
    None when it is neither."""
    text = " ".join(cell_text(value).split()).lower()
    if not text:
        return ""
    if text in STATUS_BY_LABEL:
        return STATUS_BY_LABEL[text]
    return text if text in STATUS_LABELS else None


def read_save_as(value) -> str | None:
    text = cell_text(value).lower()
    for choice in (DRAFT, SUBMITTED, ACCEPTED, ""):
        if text == choice.lower() or (choice == SUBMITTED and text == "submit"):
            return choice
    return None


def _number(text: str) -> Decimal | None:
    token = text.split()[0].replace(",", "") if text.split() else ""
    try:
        number = Decimal(token)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def read_figures(action: Action, value) -> tuple[dict[int, Decimal | None], str | None]:
    """The figures the cell gives per numeric outcome (pk), or a message saying what is wrong.
    One numeric outcome: a number. Several: a line each in their order, the figure after the
    line's last colon (the label before it is for the reader)."""
    numeric = numeric_outcomes(action)
    if value is None or (isinstance(value, str) and not value.strip()):
        return {o.pk: None for o in numeric}, None
    if not numeric:
        return {}, "this action has no outcome with a numeric target: leave it blank"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if len(numeric) > 1:
            return {}, _several(numeric)
        return {numeric[0].pk: Decimal(str(value))}, None
    lines = [line.strip() for line in str(value).splitlines() if line.strip()]
    if len(lines) != len(numeric):
        return {}, _several(numeric)
    figures = {}
    for outcome, line in zip(numeric, lines, strict=True):
        written = line.rsplit(":", 1)[-1].strip()
        figure = _number(written) if written else None
        if written and figure is None:
            return {}, f"“{written}” is not a number; write the figure achieved so far, e.g. 12"
        figures[outcome.pk] = figure
    return figures, None


def _several(numeric: list) -> str:
    if len(numeric) == 1:
        return "write the figure achieved so far as a number, e.g. 12"
    example = " and ".join(f"“{figure_label(o)}: 4”" for o in numeric)
    return (
        f"write one line for each of the {len(numeric)} outcomes with a numeric target, in "
        f"their order, e.g. {example}"
    )

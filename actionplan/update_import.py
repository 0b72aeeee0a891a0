"""Progress updates written offline in the plan's workbook (``actionplan.plan_workbook``) and
uploaded again: checked row by row for a preview, then saved, all rows or none.

Each row names its action and quarter (Reference) and the version of that quarter's update the
file was made from (Version). A row whose quarter cells are as the portal holds them now, or as
they were at that version (the update's history: someone accepted or changed it since, and the
person did not touch the row), is skipped and counted. Any other row is refused, with its
reason, when the person may not write that update (``rules.update_edit_refusal``: the same rule
as the update form, so only while its quarter is open), when the update has changed since the
file was made (the form's no-lost-edit rule), or when its status, figures or narrative are
wrong (``services.content_problems``). The good rows are saved through
``services.update_save_draft`` / ``update_submit``, as the "Save as" column says, checking the
version again under lock; one refused row and nothing is saved.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError

from actionplan import plan_workbook as layout
from actionplan import rules, services
from actionplan.forms import NARRATIVE_MAX
from actionplan.models import Action, ProgressUpdate, ReportingQuarter
from actionplan.selectors import update_at_version, workbook_actions
from sosafe.concurrency import StaleEdit
from sosafe.history import person_name
from sosafe.models import Membership
from sosafe.spreadsheets import (
    ImportRefused,
    Preview,
    Problem,
    SpreadsheetError,
    Table,
    formula_problems,
)

FRESH_COPY = (
    "Nothing has been imported. Download a fresh copy of My actions, copy what you wrote for "
    "this action into it, and upload that."
)


@dataclass(frozen=True)
class RowPlan:
    """One row to save: what it says and what it was made from."""

    line: int
    action: Action
    window: ReportingQuarter
    content: services.UpdateContent
    submit: bool
    seen_version: int | None  # None: there was no update when the file was made

    @property
    def status_label(self) -> str:
        return layout.STATUS_LABELS[self.content.status]

    @property
    def save_as(self) -> str:
        return layout.SUBMITTED if self.submit else layout.DRAFT

    @property
    def figures(self) -> str:
        cell = layout.figures_cell(
            self.action, {pk: f.achieved_figure for pk, f in self.content.outcomes.items()}
        )
        return cell if isinstance(cell, str) else layout.plain_number(cell)


@dataclass
class UpdatesPreview(Preview):
    unchanged: int = 0  # rows as the portal holds them: skipped

    @property
    def submitted_count(self) -> int:
        return sum(row.submit for row in self.rows)


@dataclass
class ImportResult:
    drafts: int = 0
    submitted: int = 0
    problems: list[Problem] = field(default_factory=list)


def _columns(table: Table) -> dict[str, int]:
    wanted = (layout.REFERENCE, layout.VERSION, *layout.QUARTER_COLUMNS)
    at = {name: table.position(name) for name in wanted}
    missing = [name for name, position in at.items() if position is None]
    if missing:
        raise SpreadsheetError(
            f"The file has no {', '.join(missing)} column: it was not made while a quarter was "
            "open. Download My actions (or the plan) while the quarter is open, fill it in and "
            "upload that."
        )
    return at


def _windows(actions: dict[int, Action]) -> dict[tuple[int, int], ReportingQuarter]:
    plans = {action.aim.theme.plan_id for action in actions.values()}
    return {
        (window.plan_id, window.quarter): window
        for window in ReportingQuarter.objects.filter(plan__in=plans).select_related(
            "plan__partnership"
        )
    }


def plan_updates(membership: Membership, table: Table) -> UpdatesPreview:
    """Check every row of the workbook; writes nothing."""
    at = _columns(table)
    preview = UpdatesPreview()
    formulas = formula_problems(table)
    references = {}
    for row in table.rows:
        reference = layout.Reference.parse(row.cells[at[layout.REFERENCE]])
        if reference is not None and reference.quarter is not None:
            references[row.number] = reference
    quarters = {reference.quarter for reference in references.values()}
    found = workbook_actions(
        Action.objects.filter(
            pk__in={reference.action_pk for reference in references.values()},
            aim__theme__plan__partnership=membership.partnership,
        ).live(),
        membership,
        quarters,
    ).select_related("aim__theme__plan__partnership")
    actions = {action.pk: action for action in found}
    windows = _windows(actions)
    for row in table.rows:
        if row.number in formulas:
            preview.problems.append(Problem(row.number, formulas[row.number]))
            continue
        cells = {name: row.cells[position] for name, position in at.items()}
        reference = references.get(row.number)
        if reference is None:
            written = layout.cell_text(cells[layout.REFERENCE])
            if written:
                preview.problems.append(Problem(row.number, [_bad_reference(written)]))
            elif any(layout.cell_text(cells[name]) for name in layout.QUARTER_COLUMNS):
                preview.problems.append(Problem(row.number, [_NO_REFERENCE]))
            continue  # a theme heading, or a row of the appendix's columns only
        action = actions.get(reference.action_pk)
        if action is None or not rules.can_view_action(membership, action):
            unknown = (
                f"no action of this partnership's plans has the Reference {reference} (an "
                "action taken out of the plan takes no more updates)"
            )
            preview.problems.append(Problem(row.number, [unknown]))
            continue
        window = windows.get((action.aim.theme.plan_id, reference.quarter))
        _plan_row(membership, preview, row.number, action, reference.quarter, window, cells)
    preview.row_count = len(preview.rows)
    return preview


def _bad_reference(written: str) -> str:
    return (
        f"the Reference “{written}” is not one the portal wrote; leave Reference and Version "
        "as the export wrote them"
    )


_NO_REFERENCE = (
    "the row has no Reference, so it is not an action exported from the portal; leave "
    "Reference and Version as the export wrote them"
)


def _plan_row(membership, preview, line, action, quarter, window, cells) -> None:
    update = next((u for u in action.window_updates if u.quarter == quarter), None)
    problems = []
    status = layout.read_status(cells[layout.STATUS])
    save_as = layout.read_save_as(cells[layout.SAVE_AS])
    seen = layout.read_version(cells[layout.VERSION])
    figures, figure_problem = layout.read_figures(action, cells[layout.FIGURES])
    narrative = layout.normalise_lines(layout.cell_text(cells[layout.NARRATIVE]))
    if status is None:
        choices = ", ".join(layout.STATUS_LABELS.values())
        written = layout.cell_text(cells[layout.STATUS])
        problems.append(f"Status: “{written}” is not one of {choices}")
    if save_as is None:
        written = layout.cell_text(cells[layout.SAVE_AS])
        problems.append(f"Save as: “{written}” is not Draft or Submitted")
    if figure_problem:
        problems.append(f"Figures achieved: {figure_problem}")
    if seen is None:
        problems.append("Version: leave it as the export wrote it (a whole number)")
    label = f"Action {action.ref}"
    if problems:
        preview.problems.append(Problem(line, problems, label))
        return
    wrote = layout.QuarterCells(status, narrative, figures, save_as)
    seen_version = seen or None
    current = update.version if update is not None else None
    if wrote.same_as(layout.quarter_cells(membership, action, update)) or (
        current != seen_version and _as_exported(membership, action, update, seen_version, wrote)
    ):
        preview.unchanged += 1  # nothing written in it, even if the portal has moved on
        return
    period = str(action.aim.theme.plan.year.quarter(quarter))
    refusal = rules.update_edit_refusal(membership, action, window, update, period=period)
    if refusal:
        preview.problems.append(Problem(line, [refusal], label))
        return
    if current != seen_version:
        preview.problems.append(Problem(line, [_changed(update, seen_version)], label))
        return
    problems = _content_problems(action, update, wrote)
    if problems:
        preview.problems.append(Problem(line, problems, label))
        return
    preview.rows.append(
        RowPlan(
            line=line,
            action=action,
            window=window,
            content=_content(action, update, wrote),
            submit=wrote.save_as == layout.SUBMITTED,
            seen_version=seen_version,
        )
    )


def _as_exported(membership, action, update, seen_version, wrote) -> bool:
    """Whether the row still says what the file said when it was made: the update as it was
    at the row's version (from its history), or no update at all."""
    if seen_version is None:
        return wrote.same_as(layout.QuarterCells())
    was = update_at_version(update, seen_version) if update is not None else None
    if was is None:
        return False
    exported = layout.quarter_cells(membership, action, was.record, was.figures)
    return wrote.same_as(exported)


def _changed(update: ProgressUpdate | None, seen_version: int | None) -> str:
    if update is None:  # the file says there was an update; it has gone since
        return f"this action's update is not in the portal any more. {FRESH_COPY}"
    who = person_name(update.author) if update.author_id else "someone"
    return (
        f"{who} changed this action's update in the portal after your copy was made "
        f"(version {update.version} now, {seen_version or 'none'} in your file). {FRESH_COPY}"
    )


def _content(
    action: Action, update: ProgressUpdate | None, wrote: layout.QuarterCells
) -> services.UpdateContent:
    ticks = {}
    if update is not None:
        ticks = {row.outcome_id: row.achieved for row in update.outcome_progress.all()}
    return services.UpdateContent(
        status=wrote.status,
        narrative=wrote.narrative,
        outcomes={
            outcome.pk: services.OutcomeFigures(
                achieved_figure=wrote.figures.get(outcome.pk), achieved=ticks.get(outcome.pk, False)
            )
            for outcome in action.outcomes.all()
        },
    )


def _content_problems(action, update, wrote: layout.QuarterCells) -> list[str]:
    problems = []
    if wrote.save_as == layout.ACCEPTED:
        problems.append("Save as: choose Draft or Submitted")
    if not wrote.status:
        problems.append("Status: choose the action's status this quarter")
    if len(wrote.narrative) > NARRATIVE_MAX:
        problems.append(
            f"Narrative: shorten it to {NARRATIVE_MAX:,} characters or fewer "
            f"(it has {len(wrote.narrative):,})"
        )
    if problems:
        return problems
    columns = {
        services.figure_field(o.pk): f"{layout.FIGURES} ({layout.figure_label(o)})"
        for o in layout.numeric_outcomes(action)
    }
    found = services.content_problems(
        _content(action, update, wrote),
        list(action.outcomes.all()),
        submitting=wrote.save_as == layout.SUBMITTED,
    )
    for key, messages in found.items():
        column = columns.get(key, layout.NARRATIVE)
        problems.extend(f"{column}: {message}" for message in messages)
    return problems


def apply_updates(membership: Membership, preview: UpdatesPreview) -> ImportResult:
    """Save every planned row through the services; any refusal undoes them all."""
    result = ImportResult()
    for row in preview.rows:
        save = services.update_submit if row.submit else services.update_save_draft
        label = f"Action {row.action.ref}"
        try:
            save(
                membership=membership,
                action=row.action,
                window=row.window,
                content=row.content,
                seen_version=row.seen_version,
            )
        except StaleEdit as stale:
            result.problems.append(
                Problem(row.line, [_changed(stale.current, row.seen_version)], label)
            )
        except (PermissionDenied, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            result.problems.append(Problem(row.line, messages, label))
        else:
            if row.submit:
                result.submitted += 1
            else:
                result.drafts += 1
    if result.problems:
        raise ImportRefused(result.problems)
    return result

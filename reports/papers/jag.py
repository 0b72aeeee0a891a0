"""The JAG report: the working list of every action with its lead, this quarter's status and
narrative, missing updates marked, grouped by theme; for all leads or one lead organisation.
For partnership members: restricted actions are included and marked."""

from dataclasses import dataclass

from actionplan import selectors as plan_selectors
from reports.models import PaperKind
from reports.papers.actions import ThemeGroup, action_row, group
from reports.papers.base import Paper, PaperError, Table, finish
from reports.papers.period import PaperPeriod
from sosafe.models import Organisation, Partnership


@dataclass(frozen=True)
class JagBody:
    plan_title: str
    quarter_label: str
    lead: str  # "All lead organisations" or the organisation's name
    total: int
    reported: int
    missing: int
    themes: tuple[ThemeGroup, ...]


def gather(
    partnership: Partnership, period: PaperPeriod, *, organisation: Organisation | None = None
) -> Paper:
    plan = plan_selectors.paper_plan(partnership, period.year)
    if plan is None:
        raise PaperError(f"{partnership.short_name} has no action plan for {period.year}.")
    quarter = period.last_quarter
    actions = plan_selectors.paper_actions(
        plan,
        last_quarter=quarter,
        public=False,
        lead_organisation_id=organisation.pk if organisation else None,
    )
    rows = [action_row(action, last_quarter=quarter) for action in actions]
    reported = sum(1 for row in rows if row.this_quarter)
    quarter_label = str(period.year.quarter(quarter))
    lead = f"{organisation.name} ({organisation.short_name})" if organisation else ""
    body = JagBody(
        plan_title=plan.title,
        quarter_label=quarter_label,
        lead=lead or "All lead organisations",
        total=len(rows),
        reported=reported,
        missing=len(rows) - reported,
        themes=group(rows),
    )
    table = Table(
        "JAG actions",
        ("Theme", "Action", "Lead", "Status", "Update for this quarter", "Narrative"),
        tuple(
            (
                f"{row.theme_number}. {row.theme_title}",
                f"{row.ref} {row.text}" + (" (restricted)" if row.restricted else ""),
                row.leads,
                row.status_label if row.this_quarter else "",
                "Reported" if row.this_quarter else "Missing",
                row.narrative if row.this_quarter else "",
            )
            for row in rows
        ),
    )
    suffix = f" – {organisation.short_name}" if organisation else ""
    return finish(
        kind=PaperKind.JAG,
        title=f"JAG report, {quarter_label}{suffix}",
        partnership=partnership,
        period=period,
        public=False,
        body=body,
        tables=(table,),
    )

"""The scrutiny committee's paper on a year's action plan: a public paper.

Its structure follows the committee papers the partnership writes: purpose and recommendations,
background with the year's priority themes, funding achieved, crime and ASB figures, progress per
priority theme, review findings, the action-plan process, priorities for next year, the whole
plan as Appendix A and a glossary. Coordinators write the narrative parts
(``ScrutinyNarrative``); everything else is computed here.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from actionplan import selectors as plan_selectors
from actionplan.models import ActionPlan, Status
from reports.models import PaperKind, ScrutinyNarrative
from reports.papers import figures
from reports.papers.actions import ActionRow, ThemeGroup, action_row, group, outcome_cells
from reports.papers.base import Paper, PaperError, Table, finish
from reports.papers.period import PaperPeriod
from reports.papers.public import withheld_line
from sosafe.models import Partnership

PUBLIC = True


@dataclass(frozen=True)
class Narrative:
    purpose: str = ""
    recommendations: str = ""
    background: str = ""
    process: str = ""
    priorities: str = ""
    commentary: tuple[tuple[int, str], ...] = ()  # (theme number, text)

    def for_theme(self, number: int) -> str:
        return dict(self.commentary).get(number, "")


@dataclass(frozen=True)
class ThemeProgress:
    number: int
    title: str
    aims: tuple[str, ...]
    commentary: str
    statuses: tuple[tuple[str, str], ...]  # (status label, number of actions)


@dataclass(frozen=True)
class Outstanding:
    ref: str
    action: str
    outcome: str  # the action's expected outcomes not achieved yet, one a line


@dataclass(frozen=True)
class ReviewFindings:
    total: int
    completed: int
    percentage: str  # whole per cent, "" when there are no outcomes
    outstanding: tuple[Outstanding, ...]


@dataclass(frozen=True)
class ScrutinyBody:
    plan_title: str
    narrative: Narrative
    themes: tuple[str, ...]
    funding_period: str
    funding: tuple[figures.FundingRow, ...]
    referrals: tuple[figures.ReferralRow, ...]
    crime: tuple[figures.IndicatorRow, ...]
    progress: tuple[ThemeProgress, ...]
    findings: ReviewFindings
    withheld: str
    appendix: tuple[ThemeGroup, ...]


def narrative_of(plan: ActionPlan) -> tuple[Narrative, object]:
    """The coordinator's narrative for the plan (empty when none is written yet), and the date
    the funding table starts on (None: the year's start)."""
    stored = (
        ScrutinyNarrative.objects.filter(plan=plan).prefetch_related("commentaries__theme").first()
    )
    if stored is None:
        return Narrative(), None
    return (
        Narrative(
            purpose=stored.purpose,
            recommendations=stored.recommendations,
            background=stored.background,
            process=stored.process,
            priorities=stored.priorities,
            commentary=tuple(
                sorted((c.theme.number, c.text) for c in stored.commentaries.all() if c.text)
            ),
        ),
        stored.funding_from,
    )


def review_findings(rows: list[ActionRow]) -> ReviewFindings:
    """The plan's expected outcomes counted as the committee's papers count them: one per
    action, its "Expected outcomes" cell of the plan table, however many lines it has. It is
    completed when every line is achieved (the action is reported complete, or each is ticked);
    an outstanding one lists the lines not achieved yet."""
    counted = [row for row in rows if row.outcomes]
    outstanding = tuple(
        Outstanding(row.ref, row.text, "\n".join(outcome.text for outcome in row.outstanding))
        for row in counted
        if row.outstanding
    )
    completed = len(counted) - len(outstanding)
    percentage = ""
    if counted:
        share = Decimal(100 * completed) / Decimal(len(counted))
        percentage = f"{share.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
    return ReviewFindings(
        total=len(counted), completed=completed, percentage=percentage, outstanding=outstanding
    )


def theme_progress(themes, narrative: Narrative, grouped: tuple[ThemeGroup, ...]):
    by_number = {theme.number: theme for theme in grouped}
    progress = []
    for theme in themes:
        rows = by_number[theme.number].actions if theme.number in by_number else ()
        counts = Counter(row.status or "none" for row in rows)
        statuses = tuple(
            (label, str(counts[value]))
            for value, label in [*Status.choices, ("none", "No accepted update")]
            if counts[value]
        )
        progress.append(
            ThemeProgress(
                number=theme.number,
                title=theme.title,
                aims=tuple(f"{theme.number}.{aim.number} {aim.text}" for aim in theme.aims.all()),
                commentary=narrative.for_theme(theme.number),
                statuses=statuses,
            )
        )
    return tuple(progress)


def appendix_table(rows: list[ActionRow]) -> Table:
    return Table(
        "Appendix A – action plan",
        (
            "Theme",
            "Aim",
            "Action",
            "Lead",
            "Partners",
            "Resources",
            "Expected outcomes",
            "Progress to date",
        ),
        tuple(
            (
                f"{row.theme_number}. {row.theme_title}",
                f"{row.aim_ref} {row.aim_text}",
                f"{row.ref} {row.text}",
                row.leads,
                row.partners,
                row.resources,
                outcome_cells(row),
                row.narrative,
            )
            for row in rows
        ),
    )


def gather(partnership: Partnership, period: PaperPeriod, **_options) -> Paper:
    plan = plan_selectors.paper_plan(partnership, period.year)
    if plan is None:
        raise PaperError(f"{partnership.short_name} has no action plan for {period.year}.")
    narrative, funding_from = narrative_of(plan)
    themes = plan_selectors.plan_themes(plan)
    actions = plan_selectors.paper_actions(plan, last_quarter=period.last_quarter, public=PUBLIC)
    rows = [action_row(action, last_quarter=period.last_quarter) for action in actions]
    grouped = group(rows)
    start = funding_from or period.start
    funding = figures.funding_rows(partnership, start, period.end)
    referrals = figures.referral_rows(partnership, period, public=PUBLIC)
    crime = figures.indicator_rows(partnership, period, public=PUBLIC)
    body = ScrutinyBody(
        plan_title=plan.title,
        narrative=narrative,
        themes=tuple(f"{theme.title}" for theme in themes),
        funding_period=f"{start:%B %Y} to {period.end:%B %Y}",
        funding=funding,
        referrals=referrals,
        crime=crime,
        progress=theme_progress(themes, narrative, grouped),
        findings=review_findings(rows),
        withheld=withheld_line(plan_selectors.restricted_count(plan)),
        appendix=grouped,
    )
    return finish(
        kind=PaperKind.SCRUTINY,
        title=f"{plan.title}: performance for {period.label}",
        partnership=partnership,
        period=period,
        public=PUBLIC,
        body=body,
        tables=(
            figures.funding_table(funding),
            figures.indicators_table(crime),
            figures.referrals_table(referrals),
            appendix_table(rows),
        ),
    )

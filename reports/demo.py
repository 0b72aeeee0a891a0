"""The demo's published 2017/18 scrutiny report, with the March 2018 committee paper's
narrative as the coordinator's text (fixtures/sosafe/scrutiny-paper-2017-18.json).

The paper reported each action's progress to date with crime figures to the end of Q3; the demo
keeps that progress, accepted by the coordinator, as Q3's updates (Q4's stay submitted for the
review journey) and publishes the paper for the year.
"""

import datetime

from actionplan import selectors as plan_selectors
from actionplan.models import OutcomeProgress, ProgressUpdate, Theme
from reports import services
from reports.papers import PaperPeriod
from sosafe.demo import read
from sosafe.models import Membership, Partnership, Role

FIXTURE = "scrutiny-paper-2017-18.json"
PUBLISHED_AT = datetime.datetime(2018, 3, 19, 9, 0, tzinfo=datetime.UTC)  # agenda published


def accept_progress_as_quarter(plan, coordinator: Membership, quarter: int) -> None:
    """Copy the next quarter's updates of public actions, with their figures and ticks, as this
    quarter's, accepted by the coordinator."""
    latest = list(
        ProgressUpdate.objects.filter(
            action__aim__theme__plan=plan, action__restricted=False, quarter=quarter + 1
        ).prefetch_related("outcome_progress")
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action_id=update.action_id,
            quarter=quarter,
            state=ProgressUpdate.State.ACCEPTED,
            status=update.status,
            narrative=update.narrative,
            author=coordinator.user,
            submitted_at=PUBLISHED_AT,
            submitted_by=coordinator.user,
            reviewed_at=PUBLISHED_AT,
            reviewed_by=coordinator.user,
        )
        for update in latest
    )
    copies = dict(
        ProgressUpdate.objects.filter(action__aim__theme__plan=plan, quarter=quarter).values_list(
            "action_id", "pk"
        )
    )
    OutcomeProgress.objects.bulk_create(
        OutcomeProgress(
            update_id=copies[update.action_id],
            outcome_id=row.outcome_id,
            achieved_figure=row.achieved_figure,
            achieved=row.achieved,
        )
        for update in latest
        for row in update.outcome_progress.all()
    )


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    data = read(FIXTURE)
    coordinator = next(m for m in memberships if m.role == Role.COORDINATOR)
    period = PaperPeriod.parse(data["period"])
    plan = plan_selectors.paper_plan(partnership, period.year)
    accept_progress_as_quarter(plan, coordinator, data["accepted_quarter"])
    themes = {theme.number: theme.pk for theme in Theme.objects.filter(plan=plan)}
    services.narrative_save(
        membership=coordinator,
        plan=plan,
        parts=data["narrative"],
        funding_from=datetime.date.fromisoformat(data["funding_from"]),
        commentary={themes[int(number)]: text for number, text in data["commentary"].items()},
    )
    services.paper_publish(membership=coordinator, kind="scrutiny", period=period, now=PUBLISHED_AT)

"""Generated data for the bench: a partnership with YEARS years of history.

Per year: an approved action plan of 300 actions (7 themes, 3 aims each), each led by one of 20
organisations and one of the lead officers, with a partner, two expected outcomes (one with a
numeric target) and 4 quarterly updates with figures; referral returns from 20 services every
quarter; values of 30 indicators (20 monthly, 10 quarterly). Across the whole history: 200
funding bids, the successful ones with spend. The last year is the current financial year: its
Q1-Q3 are closed with accepted updates and Q4 is open, its updates drafts (the deadline
scenario of bench/loadtest.py writes them).

People: one coordinator, one RAG member and OFFICERS lead officers, all with the password
PASSWORD (hashed once with the settings' first hasher and shared, so generating is quick).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

ACTIONS_PER_YEAR = 300
THEMES, AIMS_PER_THEME = 7, 3
ORGANISATIONS = 20
SERVICES = 20
BIDS = 200
INDICATORS, MONTHLY_INDICATORS = 30, 20
OFFICERS = 200
PASSWORD = "bench-password-not-secret"
SLUG = "bench"
NARRATIVE = (
    "Partners met twice this quarter. Two sessions were delivered in schools and the "
    "neighbourhood team walked the estate with residents; next quarter we start the youth "
    "outreach pilot and review the referral pathway with the council."
)


@dataclass(frozen=True)
class Scale:
    years: int = 1
    actions_per_year: int = ACTIONS_PER_YEAR
    services: int = SERVICES
    bids: int = BIDS
    indicators: int = INDICATORS
    officers: int = OFFICERS


@dataclass
class Generated:
    partnership_slug: str
    plan_year_slug: str
    open_quarter: int
    coordinator: str
    member: str
    officers: list[str]
    # officer username -> the pks of the actions they lead in the current plan
    officer_actions: dict[str, list[int]]
    first_action_pk: int


def generate(scale: Scale, *, last_year=None, hasher: str | None = None) -> Generated:
    """Fill the (empty, migrated) database. Returns what the bench needs to address it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from sosafe.models import Membership, Organisation, Partnership, Role
    from sosafe.periods import FinancialYear

    last_year = last_year or FinancialYear.current()
    first = last_year.start_year - scale.years + 1
    user_model = get_user_model()
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name="Bench Community Safety Partnership", short_name="Bench", slug=SLUG, area="Bench"
        )
        orgs = Organisation.objects.bulk_create(
            Organisation(
                partnership=partnership,
                name=f"Organisation {n:02d}",
                short_name=f"ORG{n:02d}",
                kind=Organisation.Kind.RESPONSIBLE_AUTHORITY,
            )
            for n in range(ORGANISATIONS)
        )
        password = make_password(PASSWORD, hasher=hasher or "default")
        names = ["bench-coordinator", "bench-member"] + [
            f"officer{n:03d}" for n in range(scale.officers)
        ]
        users = user_model.objects.bulk_create(
            user_model(username=name, password=password, email=f"{name}@example.org")
            for name in names
        )
        roles = [Role.COORDINATOR, Role.MEMBER] + [Role.OFFICER] * scale.officers
        Membership.objects.bulk_create(
            Membership(
                user=user,
                partnership=partnership,
                role=role,
                organisation=orgs[index % len(orgs)],
            )
            for index, (user, role) in enumerate(zip(users, roles, strict=True))
        )
        officers = users[2:]
        objectives = _strategy(partnership, first)
        officer_actions: dict[str, list[int]] = {user.username: [] for user in officers}
        first_action_pk = 0
        for start in range(first, last_year.start_year + 1):
            current = start == last_year.start_year
            actions = _plan(
                partnership,
                FinancialYear(start),
                orgs,
                officers,
                objectives,
                users[0],
                current,
                scale.actions_per_year,
            )
            if current:
                first_action_pk = actions[0].pk
                for index, action in enumerate(actions):
                    if officers:
                        officer = officers[index % len(officers)]
                        officer_actions[officer.username].append(action.pk)
        _referrals(partnership, orgs, scale.services, first, last_year.start_year)
        _funding(partnership, orgs, objectives, scale.bids, first, last_year.start_year)
        _indicators(partnership, objectives, scale.indicators, first, last_year.start_year)
    _analyze()
    return Generated(
        partnership_slug=SLUG,
        plan_year_slug=last_year.slug,
        open_quarter=4,
        coordinator="bench-coordinator",
        member="bench-member",
        officers=[user.username for user in officers],
        officer_actions=officer_actions,
        first_action_pk=first_action_pk,
    )


def _strategy(partnership, first_year):
    from actionplan.models import Objective, Strategy

    strategy = Strategy.objects.create(
        partnership=partnership,
        title="Bench strategy",
        start_year=first_year,
        end_year=first_year + 20,
        status=Strategy.Status.CURRENT,
    )
    return Objective.objects.bulk_create(
        Objective(strategy=strategy, number=n + 1, title=f"Objective {n + 1}") for n in range(6)
    )


def _plan(partnership, year, orgs, officers, objectives, coordinator, current: bool, count):
    from simple_history.utils import bulk_create_with_history

    from actionplan.models import (
        Action,
        ActionLead,
        ActionPlan,
        Aim,
        ExpectedOutcome,
        OutcomeProgress,
        ProgressUpdate,
        ReportingQuarter,
        Theme,
    )

    plan = ActionPlan.objects.create(
        partnership=partnership,
        year=year,
        title=f"Community safety action plan {year}",
        status=ActionPlan.Status.APPROVED,
        approved_on=year.start,
    )
    themes = Theme.objects.bulk_create(
        Theme(plan=plan, number=n + 1, title=f"Theme {n + 1} of {year}") for n in range(THEMES)
    )
    for index, theme in enumerate(themes):
        theme.objectives.add(objectives[index % len(objectives)])
    aims = Aim.objects.bulk_create(
        Aim(theme=theme, number=n + 1, text=f"Aim {theme.number}.{n + 1}: reduce harm")
        for theme in themes
        for n in range(AIMS_PER_THEME)
    )
    actions = bulk_create_with_history(
        [
            Action(
                aim=aims[index % len(aims)],
                letter=chr(97 + index // len(aims) // 26) + chr(97 + index // len(aims) % 26),
                text=f"Action {index + 1} of {year}: work with partners on the priority",
                resources="Existing staff and resources.",
                restricted=index % 15 == 0,
            )
            for index in range(count)
        ],
        Action,
        default_user=coordinator,
    )
    actions = list(Action.objects.filter(aim__theme__plan=plan).order_by("pk"))
    ActionLead.objects.bulk_create(
        ActionLead(
            action=action,
            organisation=orgs[index % len(orgs)],
            officer_role="Lead officer",
            officer=officers[index % len(officers)] if officers else None,
        )
        for index, action in enumerate(actions)
    )
    Action.partners.through.objects.bulk_create(
        Action.partners.through(action_id=action.pk, organisation_id=orgs[(i + 1) % len(orgs)].pk)
        for i, action in enumerate(actions)
    )
    outcomes = ExpectedOutcome.objects.bulk_create(
        outcome
        for action in actions
        for outcome in (
            ExpectedOutcome(action=action, text="Sessions delivered", target=12, unit="sessions"),
            ExpectedOutcome(action=action, text="Partners report better joint working", order=1),
        )
    )
    for quarter in (1, 2, 3, 4):
        closed = not current or quarter < 4
        ReportingQuarter.objects.create(
            plan=plan,
            quarter=quarter,
            state=ReportingQuarter.State.CLOSED if closed else ReportingQuarter.State.OPEN,
            opens_on=year.quarter(quarter).end - datetime.timedelta(days=14)
            if closed
            else datetime.date.today(),
            deadline=year.quarter(quarter).end + datetime.timedelta(days=14)
            if closed
            else datetime.date.today() + datetime.timedelta(days=14),
            closed_at=_moment(year.quarter(quarter).end) if closed else None,
        )
    statuses = ["on_track", "on_track", "at_risk", "off_track", "complete", "not_started"]
    updates = bulk_create_with_history(
        [
            ProgressUpdate(
                action=action,
                quarter=quarter,
                state=ProgressUpdate.State.DRAFT
                if current and quarter == 4
                else ProgressUpdate.State.ACCEPTED,
                status=statuses[(index + quarter) % len(statuses)],
                narrative=NARRATIVE,
                author=officers[index % len(officers)] if officers else None,
            )
            for index, action in enumerate(actions)
            for quarter in (1, 2, 3, 4)
        ],
        ProgressUpdate,
        default_user=coordinator,
    )
    del updates
    numeric = {outcome.action_id: outcome for outcome in outcomes if outcome.target is not None}
    OutcomeProgress.objects.bulk_create(
        OutcomeProgress(
            update=update,
            outcome=numeric[update.action_id],
            achieved_figure=Decimal(3 * update.quarter),
        )
        for update in ProgressUpdate.objects.filter(action__aim__theme__plan=plan).only(
            "pk", "action_id", "quarter"
        )
    )
    return actions


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _referrals(partnership, orgs, services, first, last):
    from referrals.models import ReferralReturn, Service, SourceCount
    from sosafe.periods import FinancialYear

    made = Service.objects.bulk_create(
        Service(
            partnership=partnership,
            organisation=orgs[n % len(orgs)],
            name=f"Service {n:02d}",
            description="Helps people.",
        )
        for n in range(services)
    )
    returns = ReferralReturn.objects.bulk_create(
        ReferralReturn(service=service, year=FinancialYear(start), quarter=q, total=20 + q + n)
        for n, service in enumerate(made)
        for start in range(first, last + 1)
        for q in (1, 2, 3, 4)
    )
    SourceCount.objects.bulk_create(
        SourceCount(referral_return=r, kind=SourceCount.Kind.SELF_REFERRAL, count=r.total)
        for r in returns
    )


def _funding(partnership, orgs, objectives, bids, first, last):
    from funding.models import BidStatus, Funder, FundingBid, Spend

    funders = Funder.objects.bulk_create(
        Funder(partnership=partnership, name=f"Funder {n}") for n in range(8)
    )
    years = last - first + 1
    statuses = [BidStatus.SUCCESSFUL, BidStatus.SUCCESSFUL, BidStatus.SUBMITTED]
    statuses += [BidStatus.UNSUCCESSFUL, BidStatus.DRAFT]
    made = []
    for n in range(bids):
        start = first + n * years // max(bids, 1)
        status = statuses[n % len(statuses)]
        submitted = datetime.date(start, 5, 1) + datetime.timedelta(days=(n * 7) % 300)
        successful = status == BidStatus.SUCCESSFUL
        made.append(
            FundingBid(
                partnership=partnership,
                title=f"Bid {n:03d}",
                funder=funders[n % len(funders)],
                organisation=orgs[n % len(orgs)],
                purpose="Something the partnership needs.",
                status=status,
                amount_requested=Decimal(5000 + 100 * (n % 50)),
                amount_awarded=Decimal(4000 + 100 * (n % 50)) if successful else None,
                submitted_on=None if status == BidStatus.DRAFT else submitted,
                decision_on=submitted + datetime.timedelta(days=30) if successful else None,
                received_on=submitted + datetime.timedelta(days=45) if successful else None,
                grant_starts=submitted + datetime.timedelta(days=45) if successful else None,
                grant_ends=submitted + datetime.timedelta(days=400) if successful else None,
            )
        )
    made = FundingBid.objects.bulk_create(made)
    links = FundingBid.objectives.through
    links.objects.bulk_create(
        links(fundingbid_id=bid.pk, objective_id=objectives[i % len(objectives)].pk)
        for i, bid in enumerate(made)
    )
    Spend.objects.bulk_create(
        Spend(
            bid=bid,
            spent_on=bid.received_on + datetime.timedelta(days=30 * k),
            amount=Decimal(1000),
            description=f"Instalment {k + 1}",
        )
        for bid in made
        if bid.status == BidStatus.SUCCESSFUL
        for k in range(3)
    )


def _indicators(partnership, objectives, count, first, last):
    from indicators.models import Indicator, IndicatorValue
    from sosafe.periods import FinancialYear

    made = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            name=f"Indicator {n:02d}",
            objective=objectives[n % len(objectives)],
            frequency=Indicator.Frequency.MONTHLY
            if n < MONTHLY_INDICATORS
            else Indicator.Frequency.QUARTERLY,
            source="Bench",
        )
        for n in range(count)
    )
    values = []
    for n, indicator in enumerate(made):
        for start in range(first, last + 1):
            for period in indicator.periods(FinancialYear(start)):
                month = getattr(period, "month", None)
                quarter = period.number if month is None else _quarter_of(month)
                values.append(
                    IndicatorValue(
                        indicator=indicator,
                        year=FinancialYear(start),
                        quarter=quarter,
                        month=month,
                        value=Decimal(100 + (n * 7 + start + quarter) % 40),
                        target=Decimal(110),
                    )
                )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)


def _quarter_of(month: int) -> int:
    return ((month - 4) % 12) // 3 + 1


def _analyze() -> None:
    """Table statistics for the new rows, as autovacuum would gather them in a while: without
    them PostgreSQL's planner guesses row counts badly and the first minutes measure its guesses."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

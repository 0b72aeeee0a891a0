"""A small plan with hand-countable progress, referrals and funding for the dashboard tests.

Plan 2024/25, as of Q2 (drafts must never count):
  theme 1: A  Q1 submitted on track, Q2 accepted off track; 2 outcomes, 1 achieved in Q2
           B  Q1 accepted at risk, Q2 a DRAFT saying complete with its outcome achieved
  theme 2: C  Q2 submitted complete; 1 outcome, achieved
           D  nothing reported; 1 outcome
           E  restricted; Q2 submitted on track
Referrals, Q2 2024/25 (Q1 2024/25; Q2 2023/24): S1 30 (20; 40), S2 5 (0; none),
  S3 stopped in 2022 and is not listed.
Funding dated in 2024/25: secured £1,000.00 + £2,500.50, pipeline £700.00, one unsuccessful,
  one draft; a 2023/24 award outside the year.
"""

import datetime
from decimal import Decimal

from actionplan.models import OutcomeProgress
from funding.models import BidStatus
from sosafe.periods import FinancialYear
from tests import factories
from tests.factories import FundingBidFactory, ReferralReturnFactory, ServiceFactory


def _update(action, quarter, status, state, narrative="", achieved=(), author=None):
    update = factories.ProgressUpdateFactory(
        action=action,
        quarter=quarter,
        status=status,
        state=state,
        narrative=narrative or f"{action.text}: {status} in Q{quarter}",
        author=author,
    )
    for outcome in achieved:
        OutcomeProgress.objects.create(update=update, outcome=outcome, achieved=True)
    return update


def small_plan(world):
    plan = factories.ActionPlanFactory(
        partnership=world.partnership, year=FinancialYear(2024), title="Plan 2024/25"
    )
    theme1 = factories.ThemeFactory(plan=plan, number=1, title="Antisocial behaviour")
    theme2 = factories.ThemeFactory(plan=plan, number=2, title="Domestic abuse")
    aim1 = factories.AimFactory(theme=theme1, number=1)
    aim2 = factories.AimFactory(theme=theme2, number=1)
    actions = {}
    for name, aim, letter, restricted in [
        ("A", aim1, "a", False),
        ("B", aim1, "b", False),
        ("C", aim2, "a", False),
        ("D", aim2, "b", False),
        ("E", aim2, "c", True),
    ]:
        action = factories.ActionFactory(
            aim=aim, letter=letter, text=f"Action {name}", restricted=restricted
        )
        factories.ActionLeadFactory(action=action, organisation=world.lead_org)
        actions[name] = action
    outcome = factories.ExpectedOutcomeFactory
    a1, _a2 = outcome(action=actions["A"]), outcome(action=actions["A"])
    b1, c1 = outcome(action=actions["B"]), outcome(action=actions["C"])
    outcome(action=actions["D"])
    officer = world.officer.user
    _update(actions["A"], 1, "on_track", "submitted")
    _update(actions["A"], 2, "off_track", "accepted", "Venue lost; behind plan.", [a1])
    _update(actions["B"], 1, "at_risk", "accepted", "Short of staff.")
    _update(actions["B"], 2, "complete", "draft", "Draft: all done", [b1], author=officer)
    _update(actions["C"], 2, "complete", "submitted", achieved=[c1])
    _update(actions["E"], 2, "on_track", "submitted")

    s1 = ServiceFactory(partnership=world.partnership, organisation=world.lead_org, name="S1")
    s2 = ServiceFactory(partnership=world.partnership, organisation=world.lead_org, name="S2")
    s3 = ServiceFactory(
        partnership=world.partnership,
        organisation=world.lead_org,
        name="S3",
        active_from=datetime.date(2019, 4, 1),
        active_to=datetime.date(2022, 3, 31),
    )
    for service, year, quarter, total in [
        (s1, 2024, 2, 30),
        (s1, 2024, 1, 20),
        (s1, 2023, 2, 40),
        (s2, 2024, 2, 5),
        (s2, 2024, 1, 0),
        (s3, 2021, 2, 99),
    ]:
        ReferralReturnFactory(
            service=service, year=FinancialYear(year), quarter=quarter, total=total
        )

    def bid(status, requested, awarded=None, **dates):
        return FundingBidFactory(
            partnership=world.partnership,
            status=status,
            amount_requested=Decimal(requested),
            amount_awarded=Decimal(awarded) if awarded else None,
            **dates,
        )

    bid(BidStatus.SUCCESSFUL, "1000.00", "1000.00", received_on=datetime.date(2024, 6, 1))
    bid(BidStatus.SUCCESSFUL, "3000.00", "2500.50", decision_on=datetime.date(2024, 9, 1))
    bid(BidStatus.SUBMITTED, "700.00", submitted_on=datetime.date(2024, 5, 1))
    bid(BidStatus.UNSUCCESSFUL, "300.00", decision_on=datetime.date(2024, 7, 1))
    bid(BidStatus.DRAFT, "999.00", submitted_on=datetime.date(2024, 7, 1))
    bid(BidStatus.SUCCESSFUL, "5000.00", "5000.00", received_on=datetime.date(2023, 6, 1))
    return plan, actions

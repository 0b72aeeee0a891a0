"""Shared fixtures: two partnerships and one person per role (the personas every view walks)."""

from dataclasses import dataclass

import pytest
from django.test import Client

from sosafe.models import Membership, Organisation, Partnership, Role
from tests import factories


@dataclass
class World:
    partnership: Partnership
    other_partnership: Partnership
    lead_org: Organisation
    other_org: Organisation
    admin: Membership
    coordinator: Membership
    officer: Membership  # officer of the organisation that leads the test actions
    other_officer: Membership  # officer of another organisation in the same partnership
    member: Membership  # RAG member
    scrutiny: Membership
    outsider: Membership  # coordinator of another partnership

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(getattr(self, persona).user)
        return client


PERSONAS = ["admin", "coordinator", "officer", "other_officer", "member", "scrutiny", "outsider"]


@pytest.fixture
def world(db) -> World:
    partnership = factories.PartnershipFactory(name="SoSafe test", slug="sosafe-test")
    other = factories.PartnershipFactory(name="Elsewhere CSP", slug="elsewhere")
    lead_org = factories.OrganisationFactory(partnership=partnership, short_name="SBC")
    other_org = factories.OrganisationFactory(partnership=partnership, short_name="HFRS")
    elsewhere_org = factories.OrganisationFactory(partnership=other, short_name="SBC")

    def persona(username, role, org=None, on=partnership):
        user = factories.UserFactory(username=username)
        return factories.MembershipFactory(user=user, partnership=on, role=role, organisation=org)

    return World(
        partnership=partnership,
        other_partnership=other,
        lead_org=lead_org,
        other_org=other_org,
        admin=persona("admin", Role.ADMIN, lead_org),
        coordinator=persona("coordinator", Role.COORDINATOR, lead_org),
        officer=persona("officer", Role.OFFICER, lead_org),
        other_officer=persona("other_officer", Role.OFFICER, other_org),
        member=persona("member", Role.MEMBER),
        scrutiny=persona("scrutiny", Role.SCRUTINY),
        outsider=persona("outsider", Role.COORDINATOR, elsewhere_org, on=other),
    )


def make_plan(partnership, lead_org, *, actions=3, year=2024, restricted_every=0, themes=2):
    """A plan with ``actions`` actions spread over ``themes`` themes, each led by ``lead_org``,
    with a partner, two outcomes and two quarters of submitted updates (enough to show an N+1)."""
    from sosafe.periods import FinancialYear

    plan = factories.ActionPlanFactory(
        partnership=partnership, year=FinancialYear(year), title=f"Plan {year}"
    )
    theme_rows = [factories.ThemeFactory(plan=plan, number=n + 1) for n in range(themes)]
    aims = [factories.AimFactory(theme=t, number=1) for t in theme_rows]
    partner = factories.OrganisationFactory(partnership=partnership)
    created = []
    for index in range(actions):
        action = factories.ActionFactory(
            aim=aims[index % themes],
            letter=chr(97 + index // 26) + chr(97 + index % 26),
            restricted=bool(restricted_every) and index % restricted_every == 0,
        )
        factories.ActionLeadFactory(action=action, organisation=lead_org)
        action.partners.add(partner)
        factories.ExpectedOutcomeFactory(
            action=action, text="Outcome one", target=10, unit="events"
        )
        factories.ExpectedOutcomeFactory(action=action, text="Outcome two")
        factories.ProgressUpdateFactory(
            action=action, quarter=1, status="on_track", state="submitted"
        )
        factories.ProgressUpdateFactory(
            action=action, quarter=2, status="at_risk", state="submitted"
        )
        created.append(action)
    return plan, created

"""The personas every view walks (see the ``world`` fixture) and the sets of them that
share a permission, for every folder's tests."""

from dataclasses import dataclass

from django.test import Client

from sosafe.models import Membership, Organisation, Partnership, Role
from tests import factories

PERSONAS = ["admin", "coordinator", "officer", "other_officer", "member", "scrutiny", "outsider"]
VISITORS = ["anonymous", *PERSONAS]

MANAGERS = {"admin", "coordinator"}
READERS = MANAGERS | {"officer", "other_officer", "member"}  # everyone in it but scrutiny
EVERYONE = READERS | {"scrutiny"}  # every role in the partnership


def expected_status(persona: str, allowed: set[str], ok: int = 200) -> int:
    """What a page answers a persona: sign in first, not found outside, refused without
    the role."""
    if persona == "anonymous":
        return 302
    if persona == "outsider":
        return 404
    return ok if persona in allowed else 403


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


def build_world() -> World:
    """Two partnerships and one person per role."""
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

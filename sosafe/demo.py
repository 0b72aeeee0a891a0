"""Load the SoSafe demo partnership from fixtures/sosafe (taken from the real documents)."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from sosafe.models import Acronym, Group, Membership, Organisation, Partnership, Role

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "sosafe"
DEMO_PASSWORD = "sosafe-demo"


def read(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def add_organisations(partnership: Partnership, rows: list[dict]) -> None:
    """Create the organisations a fixture file names, keeping any already there."""
    for row in rows:
        Organisation.objects.get_or_create(
            partnership=partnership,
            short_name=row["short_name"],
            defaults={"name": row["name"], "kind": row["kind"]},
        )


def organisations_by_short_name(partnership: Partnership) -> dict[str, Organisation]:
    return {org.short_name: org for org in partnership.organisations.all()}


def load_partnership() -> Partnership:
    data = read("partnership.json")
    partnership = Partnership.objects.create(**data["partnership"])
    add_organisations(partnership, data["organisations"])
    orgs = organisations_by_short_name(partnership)
    for row in data["groups"]:
        group = Group.objects.create(
            partnership=partnership,
            short_name=row["short_name"],
            name=row["name"],
            purpose=row.get("purpose", ""),
            chair=row.get("chair", ""),
            meets=row.get("meets", ""),
        )
        group.members.set(orgs[short_name] for short_name in row.get("members", []))
    Acronym.objects.bulk_create(
        Acronym(partnership=partnership, abbreviation=row["abbreviation"], meaning=row["meaning"])
        for row in data["acronyms"]
    )
    return partnership


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str | None
    job_title: str
    is_superuser: bool = False


# Role titles only: the documents name real staff, the portal's demo does not.
DEMO_USERS = [
    DemoUser("admin", "Portal", "Administrator", Role.ADMIN, "SBC", "Systems administrator", True),
    DemoUser(
        "coordinator",
        "Community Safety",
        "Manager",
        Role.COORDINATOR,
        "SBC",
        "Community Safety Manager",
    ),
    DemoUser(
        "officer", "Community Safety", "Officer", Role.OFFICER, "SBC", "Community Safety Team"
    ),
    DemoUser(
        "police", "Police", "Inspector", Role.OFFICER, "Police", "Police Inspector, Stevenage"
    ),
    DemoUser(
        "rag", "RAG", "Chair", Role.MEMBER, "SBC", "Chief Executive, Stevenage Borough Council"
    ),
    DemoUser("scrutiny", "Committee", "Councillor", Role.SCRUTINY, None, "Councillor"),
]


def create_demo_users(partnership: Partnership) -> list[Membership]:
    User = get_user_model()
    orgs = organisations_by_short_name(partnership)
    memberships = []
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@sosafe.example.org"
        user.is_staff = user.is_superuser = demo.is_superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        memberships.append(
            Membership.objects.create(
                user=user,
                partnership=partnership,
                role=demo.role,
                organisation=orgs[demo.organisation] if demo.organisation else None,
                job_title=demo.job_title,
            )
        )
    return memberships

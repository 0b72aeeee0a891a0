"""Who may read and change indicators. Views and templates ask here.

- admin and coordinator: read, create and edit indicators, enter and import values, import
  police.uk crime data; the area and population (the partnership's settings);
- officer and RAG member: read;
- scrutiny committee: nothing here (their papers carry what is public).
"""

from sosafe.models import Membership

READERS_ONLY = (
    "Performance indicators are for partnership members; the scrutiny committee sees them in "
    "the published reports."
)
MANAGERS_ONLY = "Only the partnership's coordinators and administrators change indicators."


def can_read(membership: Membership) -> bool:
    return membership.can_read_plans


def can_manage(membership: Membership) -> bool:
    return membership.can_manage

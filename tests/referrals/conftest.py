"""Referrals fixtures on top of the shared ``world``: a service run by the officer's
organisation and one run by another organisation of the same partnership."""

from dataclasses import dataclass

import pytest

from referrals.models import Service
from sosafe.periods import Quarter
from tests.factories import ServiceFactory

# A quarter that has ended whenever the tests run.
QUARTER = Quarter.parse("Q2 2025/26")


@dataclass
class Services:
    own: Service  # run by world.lead_org, the officer's organisation
    other: Service  # run by world.other_org, the other officer's


@pytest.fixture
def services(world) -> Services:
    return Services(
        own=ServiceFactory(
            partnership=world.partnership, organisation=world.lead_org, name="Alpha Service"
        ),
        other=ServiceFactory(
            partnership=world.partnership, organisation=world.other_org, name="Beta Service"
        ),
    )

"""The partnership's own page: its groups and organisations, for every member."""

import pytest
from django.urls import reverse

from tests import factories
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 302), ("admin", 200), ("coordinator", 200), ("officer", 200),
     ("other_officer", 200), ("member", 200), ("scrutiny", 200), ("outsider", 404)],
)  # fmt: skip
def test_who_sees_the_partnership_page(world, persona, status):
    group = factories.GroupFactory(
        partnership=world.partnership, name="Joint Action Group", short_name="JAG"
    )
    group.members.add(world.lead_org)
    url = reverse("reports:about", args=[world.partnership.slug])
    response = world.client_for(persona).get(url)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Joint Action Group (JAG)" in html
        assert "Members: SBC" in html
        assert world.other_org.name in html
    assert world.client_for("member").post(url).status_code == 405


def test_the_query_count_does_not_grow_with_groups(world):
    url = reverse("reports:about", args=[world.partnership.slug])

    def build(n):
        for _ in range(n):
            factories.GroupFactory(partnership=world.partnership).members.add(world.lead_org)
            factories.OrganisationFactory(partnership=world.partnership)
        return url

    assert_fixed_queries(world.client_for("member"), build, sizes=(1, 9))

"""The partnership home page (the reports app), for every persona."""

import pytest
from django.urls import reverse

from tests.personas import PERSONAS
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", PERSONAS)
def test_partnership_page_per_persona(world, persona):
    url = reverse("reports:home", args=["sosafe-test"])
    response = world.client_for(persona).get(url)
    if persona == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1


def test_unknown_partnership_is_404_even_for_a_superuser(world):
    world.admin.user.is_superuser = True
    world.admin.user.save()
    url = reverse("reports:home", args=["no-such-partnership"])
    assert world.client_for("admin").get(url).status_code == 404


def test_scrutiny_sees_the_plans_listed_but_not_linked(world):
    from tests.conftest import make_plan

    plan, _ = make_plan(world.partnership, world.lead_org, actions=1)
    html = (
        world.client_for("scrutiny")
        .get(reverse("reports:home", args=["sosafe-test"]))
        .content.decode()
    )
    assert plan.title in html
    assert plan.get_absolute_url() not in html
    html = (
        world.client_for("member")
        .get(reverse("reports:home", args=["sosafe-test"]))
        .content.decode()
    )
    assert plan.get_absolute_url() in html


@pytest.mark.parametrize("persona", ["coordinator", "member", "scrutiny"])
def test_home_query_count_is_fixed_as_every_app_grows(world, persona):
    """The home page reads plans, referrals and funding: none may cost a query per row."""
    import datetime

    from sosafe.periods import Quarter
    from tests.conftest import make_plan
    from tests.factories import FundingBidFactory, ReferralReturnFactory, ServiceFactory

    def grow(n, year):
        make_plan(world.partnership, world.lead_org, actions=n, year=year)
        quarter = Quarter.of_date(datetime.date.today()).previous()
        for _ in range(n):
            service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
            ReferralReturnFactory(service=service, year=quarter.year, quarter=quarter.number)
            FundingBidFactory(
                successful=True, partnership=world.partnership, organisation=world.lead_org
            )

    years = iter(range(2020, 2030))
    url = reverse("reports:home", args=["sosafe-test"])
    assert_fixed_queries(world.client_for(persona), lambda n: grow(n, next(years)) or url, (2, 20))


DASHBOARD_READERS = {"admin", "coordinator", "officer", "other_officer", "member"}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "outsider"])
def test_home_links_to_the_about_page_and_the_dashboard_not_the_groups(world, persona):
    from tests import factories

    factories.GroupFactory(partnership=world.partnership, name="Joint Action Group")
    slug = world.partnership.slug
    html = world.client_for(persona).get(reverse("reports:home", args=[slug])).content.decode()
    assert "Joint Action Group" not in html
    assert 'id="groups-heading"' not in html and 'id="organisations-heading"' not in html
    assert f'href="{reverse("reports:about", args=[slug])}"' in html
    dashboard = f'href="{reverse("reports:dashboard", args=[slug])}"'
    assert (dashboard in html) == (persona in DASHBOARD_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_navigation_links_to_the_dashboard_for_its_readers(world, persona):
    from sosafe import registry

    membership = getattr(world, persona)
    links = {link.label: link.href for link in registry.nav_links(membership)}
    expected = reverse("reports:dashboard", args=[membership.partnership.slug])
    if persona in DASHBOARD_READERS | {"outsider"}:  # the outsider is a member elsewhere
        assert links["Dashboard"] == expected
    else:
        assert "Dashboard" not in links
    page = world.client_for(persona).get(reverse("reports:about", args=[world.partnership.slug]))
    if persona != "outsider":
        nav = page.content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
        assert (f'href="{reverse("reports:dashboard", args=["sosafe-test"])}"' in nav) == (
            persona in DASHBOARD_READERS
        )

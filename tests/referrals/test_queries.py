"""The grid, trend and table pages run the same number of SQL queries at any data size."""

import pytest
from django.urls import reverse

from referrals.models import SourceCount
from sosafe.periods import FinancialYear
from tests.factories import (
    ObjectiveFactory,
    ReferralReturnFactory,
    ReportedFigureFactory,
    ServiceFactory,
    SourceCountFactory,
    StrategyFactory,
)
from tests.referrals.conftest import QUARTER

# Session, user and membership lookups are part of each count.
GRID_QUERIES = 5
TREND_QUERIES = 10
TABLE_QUERIES = 8


def _services(world, count: int):
    made = []
    for index in range(count):
        organisation = world.lead_org if index % 2 else world.other_org
        service = ServiceFactory(partnership=world.partnership, organisation=organisation)
        service.officers.add(world.officer.user)
        for quarter in (QUARTER, QUARTER.previous(), QUARTER.same_quarter_last_year()):
            referral_return = ReferralReturnFactory(
                service=service, year=quarter.year, quarter=quarter.number, total=6
            )
            SourceCountFactory(referral_return=referral_return, kind="other", count=6)
        ReportedFigureFactory(service=service, year=QUARTER.year)
        made.append(service)
    return made


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("persona", ["coordinator", "officer", "member"])
def test_grid_queries_do_not_grow(world, django_assert_num_queries, size, persona):
    _services(world, size)
    client = world.client_for(persona)
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    with django_assert_num_queries(GRID_QUERIES + (persona == "officer")):
        response = client.get(f"{url}?quarter={QUARTER}")
    assert response.status_code == 200
    assert response.content.decode().count("<tr") == size + 1


@pytest.mark.parametrize("size", [5, 50])
def test_table_queries_do_not_grow(world, django_assert_num_queries, size):
    _services(world, size)
    client = world.client_for("member")
    url = reverse("referrals:service-list", args=[world.partnership.slug])
    with django_assert_num_queries(TABLE_QUERIES):
        response = client.get(f"{url}?year={QUARTER.year}")
    assert response.content.decode().count('<th scope="row"') == size + 1  # + all services


@pytest.mark.parametrize("years", [3, 12])
def test_trend_queries_do_not_grow(world, django_assert_num_queries, years):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    strategy = StrategyFactory(partnership=world.partnership)
    service.objectives.set(ObjectiveFactory.create_batch(years, strategy=strategy))
    service.officers.add(world.officer.user, world.coordinator.user)
    first = QUARTER.year.start_year - years + 1
    for start in range(first, first + years):
        ReportedFigureFactory(service=service, year=FinancialYear(start))
        for number in (1, 2, 3, 4):
            referral_return = ReferralReturnFactory(
                service=service, year=FinancialYear(start), quarter=number, total=start % 7 + 3
            )
            SourceCountFactory(referral_return=referral_return, kind="other", count=1)
            SourceCountFactory(
                referral_return=referral_return,
                kind=SourceCount.Kind.ORGANISATION,
                organisation=world.other_org,
                count=referral_return.total - 1,
            )
    client = world.client_for("officer")
    url = reverse("referrals:service-detail", args=[world.partnership.slug, service.pk])
    with django_assert_num_queries(TREND_QUERIES):
        response = client.get(url)
    page = response.content.decode()
    assert page.count("<svg") >= 1
    assert page.count(f"{FinancialYear(first)}</th>") >= 1

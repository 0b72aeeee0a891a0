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
from tests.query_counts import assert_fixed_queries
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


@pytest.mark.parametrize("persona", ["coordinator", "officer", "member"])
def test_grid_queries_do_not_grow(world, persona):
    client = world.client_for(persona)
    url = reverse("referrals:return-grid", args=[world.partnership.slug]) + f"?quarter={QUARTER}"
    counts = assert_fixed_queries(client, lambda n: _services(world, n) and url)
    assert counts.cold == GRID_QUERIES + (persona == "officer")
    assert client.get(url).content.decode().count("<tr") == 55 + 1


@pytest.mark.parametrize("public", [False, True])
def test_table_queries_do_not_grow(world, public):
    client = world.client_for("member")
    name = "referrals:service-public" if public else "referrals:service-list"
    url = reverse(name, args=[world.partnership.slug]) + f"?year={QUARTER.year}"
    counts = assert_fixed_queries(client, lambda n: _services(world, n) and url)
    if not public:
        assert counts.cold == TABLE_QUERIES
        html = client.get(url).content.decode()
        assert html.count('<th scope="row"') == 55 + 1  # + all services


def test_trend_queries_do_not_grow(world):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    strategy = StrategyFactory(partnership=world.partnership)
    service.officers.add(world.officer.user, world.coordinator.user)
    url = reverse("referrals:service-detail", args=[world.partnership.slug, service.pk])
    years = iter(range(QUARTER.year.start_year, 1900, -1))

    def build(n):
        """n more years of figures, each with its own objective."""
        service.objectives.add(*ObjectiveFactory.create_batch(n, strategy=strategy))
        for start in [next(years) for _ in range(n)]:
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
        return url

    client = world.client_for("officer")
    assert assert_fixed_queries(client, build, sizes=(3, 12)).cold == TREND_QUERIES
    page = client.get(url).content.decode()
    assert page.count("<svg") >= 1
    assert page.count(f"{FinancialYear(QUARTER.year.start_year - 14)}</th>") >= 1

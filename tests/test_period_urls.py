"""Periods in URLs: a year or quarter outside what exists answers 404 (never 500), and the
pagers and period choices stop at the data's ends."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import BidStatus
from sosafe.periods import FinancialYear, Quarter
from tests.conftest import make_plan
from tests.factories import (
    ActionPlanFactory,
    FundingBidFactory,
    ReferralReturnFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def _client(world):
    client = world.client_for("coordinator")
    client.raise_request_exception = False  # a 500 shows as a status, not an exception
    return client


def _summary(world, year) -> str:
    return reverse("funding:summary-detail", args=[world.partnership.slug, year])


@pytest.fixture
def funded_years(world):
    """Bids received in 2016/17 and 2018/19: the summary covers 2016/17 to 2018/19."""
    for received in (datetime.date(2016, 5, 1), datetime.date(2018, 5, 1)):
        FundingBidFactory(
            partnership=world.partnership,
            status=BidStatus.SUCCESSFUL,
            amount_awarded=Decimal("100.00"),
            received_on=received,
        )


@pytest.mark.parametrize("slug", ["1900-01", "2999-00", "2015-16", "2019-20", "2050-51"])
def test_a_funding_summary_year_outside_the_bids_is_not_found(world, funded_years, slug):
    assert _client(world).get(_summary(world, slug)).status_code == 404


def test_without_dated_bids_the_summary_covers_this_year_only(world):
    client = _client(world)
    assert client.get(_summary(world, FinancialYear.current())).status_code == 200
    assert client.get(_summary(world, FinancialYear.current().next())).status_code == 404


@pytest.mark.parametrize(
    ("start_year", "previous", "following"),
    [(2016, None, 2017), (2017, 2016, 2018), (2018, 2017, None)],
)
def test_the_summary_pager_stops_at_the_first_and_last_year(
    world, funded_years, start_year, previous, following
):
    response = _client(world).get(_summary(world, FinancialYear(start_year)))
    html = response.content.decode()
    assert response.status_code == 200
    for label, year in (("Previous year", previous), ("Next year", following)):
        if year is None:
            assert label not in html
        else:
            assert f'href="{_summary(world, FinancialYear(year))}">{label} ' in html


@pytest.mark.parametrize("slug", ["2023-24", "1900-01", "2999-00"])
def test_a_plan_year_without_a_plan_is_not_found(world, slug):
    make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    ActionPlanFactory(partnership=world.other_partnership, year=FinancialYear(2023))
    client = _client(world)
    for name in ("plan-detail", "quarter-list"):
        url = f"/p/{world.partnership.slug}/plans/{slug}/" + ("quarters/" if "q" in name else "")
        assert client.get(url).status_code == 404, url
    assert client.get(f"/p/{world.partnership.slug}/plans/2024-25/").status_code == 200


def test_quarter_five_of_anything_is_not_found(world):
    plan, (action,) = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    slug, client = world.partnership.slug, _client(world)
    for path in (
        f"/p/{slug}/plans/2024-25/quarters/5/",
        f"/p/{slug}/plans/2024-25/quarters/5/close/",
        f"/p/{slug}/actions/{action.pk}/updates/5/",
        f"/p/{slug}/actions/{action.pk}/updates/0/",
        f"/p/{slug}/referrals/services/{service.pk}/returns/2024-25/q5/",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize(
    ("year", "quarter", "status"),
    [
        (FinancialYear(1900), 4, 200),  # long ago, but a service without dates ran then
        (FinancialYear(2999), 4, 404),  # not started
        (Quarter.current().next().year, Quarter.current().next().number, 404),
        (Quarter.current().year, Quarter.current().number, 200),
    ],
)
def test_a_referral_return_for_a_quarter_not_started_is_not_found(world, year, quarter, status):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    url = reverse("referrals:return-edit", args=[world.partnership.slug, service.pk, year, quarter])
    assert _client(world).get(url).status_code == status


@pytest.mark.parametrize("query", ["?year=1900-01", "?year=2999-00", "?year=2030-31"])
@pytest.mark.parametrize("name", ["referrals:service-list", "referrals:service-public"])
def test_a_referrals_year_without_counts_falls_back_to_the_latest(world, name, query):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    ReferralReturnFactory(service=service, year=FinancialYear(2024), quarter=1, total=7)
    response = _client(world).get(reverse(name, args=[world.partnership.slug]) + query)
    assert response.status_code == 200
    assert response.context["year"] == FinancialYear(2024)
    assert "Showing 2024/25 instead." in response.content.decode()


@pytest.mark.parametrize("text", ["Q1 1900/01", "Q4 2999/00"])
def test_a_referrals_grid_quarter_at_the_edge_of_time_falls_back(world, text):
    url = reverse("referrals:return-grid", args=[world.partnership.slug])
    response = _client(world).get(url, {"quarter": text})
    assert response.status_code == 200
    assert response.context["quarter"] != response.context["quarter"].parse(text)
    assert "instead." in response.content.decode()

"""The dashboard page: who sees it, switching plan and quarter, what it shows, its cost."""

import pytest
from django.urls import reverse

from sosafe.periods import FinancialYear
from tests.conftest import make_plan
from tests.factories import ReferralReturnFactory, ServiceFactory
from tests.indicators.factories import IndicatorFactory, quarter_value
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def _url(world, *args) -> str:
    if not args:
        return reverse("reports:dashboard", args=[world.partnership.slug])
    if len(args) == 1:
        return reverse("reports:dashboard-year", args=[world.partnership.slug, *args])
    return reverse("reports:dashboard-quarter", args=[world.partnership.slug, *args])


@pytest.mark.parametrize(
    "persona,status",
    [
        ("anonymous", 302),
        ("admin", 200),
        ("coordinator", 200),
        ("officer", 200),
        ("other_officer", 200),
        ("member", 200),
        ("scrutiny", 403),
        ("outsider", 404),
    ],
)
def test_who_sees_the_dashboard(world, small, persona, status):
    for url in (_url(world), _url(world, "2024-25"), _url(world, "2024-25", 1)):
        response = world.client_for(persona).get(url)
        assert response.status_code == status, (persona, url)
        if status == 302:
            assert response["Location"].startswith(reverse("login"))


def test_it_answers_get_only(world, small):
    response = world.client_for("member").post(_url(world))
    assert response.status_code == 405


def test_restricted_actions_for_rag_members_and_coordinators_only(world, small):
    _, actions = small
    restricted = reverse("actionplan:action-detail", args=[world.partnership.slug, actions["E"].pk])
    for persona in ("member", "coordinator"):
        html = world.client_for(persona).get(_url(world, "2024-25", 1)).content.decode()
        assert restricted in html, persona  # E is missing its Q1 update
    for persona in ("officer", "other_officer"):  # the officer's organisation leads E
        html = world.client_for(persona).get(_url(world, "2024-25", 1)).content.decode()
        assert restricted not in html, persona
        assert "1 restricted action discussed in closed JAG sessions is not counted" in html


def test_the_lead_officer_sees_neither_the_restricted_action_nor_its_exception(world, small):
    _, actions = small
    html = world.client_for("officer").get(_url(world, "2024-25", 2)).content.decode()
    assert actions["E"].text not in html  # E is on track in Q2: only missing in Q1
    html = world.client_for("officer").get(_url(world, "2024-25", 1)).content.decode()
    assert actions["E"].text not in html  # not among the missing updates either


def test_the_default_is_the_latest_reported_quarter(world, small):
    response = world.client_for("member").get(_url(world))
    assert response.context["board"].quarter.number == 2
    assert "<h1>Dashboard: Plan 2024/25, Q2 2024/25</h1>" in response.content.decode()


def test_switching_quarter_and_unknown_periods(world, small):
    client = world.client_for("member")
    html = client.get(_url(world, "2024-25", 1)).content.decode()
    assert "Q1 2024/25" in html
    switch = _url(world, "2024-25", 2)
    assert f'href="{switch}"' in html
    # Written by hand: the URL converters refuse to build a link to quarter 5 or a non-year.
    slug = world.partnership.slug
    assert client.get(f"/p/{slug}/dashboard/2024-25/q5/").status_code == 404
    assert client.get(_url(world, "2019-20", 1)).status_code == 404
    assert client.get(f"/p/{slug}/dashboard/not-a-year/q1/").status_code == 404


def test_the_page_shows_the_figures_in_tables_beside_the_chart(world, small):
    plan, actions = small
    html = world.client_for("member").get(_url(world, "2024-25", 2)).content.decode()
    assert html.count("<svg") >= 1 and 'role="img"' in html
    assert "5 actions at the end of Q2 2024/25: 1 not started, 1 on track, 1 at risk" in html
    assert "<title>1. Antisocial behaviour: Off track 1 of 2</title>" in html
    assert "Expected outcomes achieved:</strong> 2 of 5 (40%)" in html
    assert "Venue lost; behind plan." in html
    assert "Draft: all done" not in html
    assert "+10 (+50.0%)" in html and "-10 (-25.0%)" in html
    assert "£3,500.50 from 2 successful bids" in html
    assert "£700.00 asked for in 1 bid awaiting a decision" in html


def test_illustrative_only_on_illustrative_figures(world, small):
    service = ServiceFactory(
        partnership=world.partnership, organisation=world.lead_org, name="Made-up service"
    )
    ReferralReturnFactory(
        service=service, year=FinancialYear(2024), quarter=1, total=12, illustrative=True
    )
    html = world.client_for("member").get(_url(world, "2024-25", 2)).content.decode()
    assert html.count("illustrative figure") == 1


def test_a_partnership_without_a_plan(world):
    response = world.client_for("member").get(_url(world))
    assert response.status_code == 200
    assert "has no action plan yet" in response.content.decode()


def _year_of_data(world, year: int, services) -> None:
    make_plan(world.partnership, world.lead_org, actions=12, year=year, restricted_every=4)
    indicator = IndicatorFactory(partnership=world.partnership, frequency="quarterly")
    for number in (1, 2, 3, 4):
        quarter_value(indicator, f"Q{number} {FinancialYear(year)}", number * 5, target=9)
    for service in services:
        for quarter in (1, 2, 3, 4):
            ReferralReturnFactory(
                service=service, year=FinancialYear(year), quarter=quarter, total=quarter * 3
            )


@pytest.mark.parametrize("persona", ["member", "officer", "coordinator"])
@pytest.mark.parametrize("period", [(), ("2024-25",), ("2024-25", 2)])
def test_the_query_count_is_the_same_at_1_and_10_years_of_data(world, persona, period):
    services = [
        ServiceFactory(partnership=world.partnership, organisation=world.lead_org) for _ in range(3)
    ]
    years = iter(range(2024, 1990, -1))

    def build(n):
        """n more years of plans, indicators and referrals, and one more service."""
        for _ in range(n):
            _year_of_data(world, next(years), services)
        services.append(ServiceFactory(partnership=world.partnership, organisation=world.lead_org))
        return _url(world, *period)

    counts = assert_fixed_queries(world.client_for(persona), build, sizes=(1, 10))
    # The plans and the plan's reported quarters are read once, for choosing the period and
    # for showing it (17 queries before, 16 with the quarter in the address).
    assert counts.cold == 15

"""The period URL converters: views get a FinancialYear and a quarter number, or no match."""

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from sosafe.periods import FinancialYear, Quarter


def test_a_year_slug_reaches_the_view_as_a_financial_year():
    match = resolve("/p/sosafe/plans/2017-18/quarters/4/")
    assert match.kwargs["year"] == FinancialYear(2017)
    assert match.kwargs["quarter"] == 4


@pytest.mark.parametrize(
    "path",
    [
        "/p/sosafe/plans/2017-19/",  # not consecutive years
        "/p/sosafe/plans/2017-2018/",  # one spelling per year in URLs
        "/p/sosafe/plans/1899-00/",  # before any plausible financial year
        "/p/sosafe/plans/2017-18/quarters/5/",
        "/p/sosafe/plans/2017-18/quarters/0/",
        "/p/sosafe/actions/1/updates/5/",
        "/p/sosafe/referrals/services/1/returns/2017-18/q5/",
    ],
)
def test_what_is_no_period_matches_no_url(path):
    with pytest.raises(Resolver404):
        resolve(path)


@pytest.mark.parametrize("year", [FinancialYear(2017), "2017-18", "2017/18"])
def test_urls_are_built_from_a_year_or_its_slug(year):
    assert reverse("funding:summary-detail", args=["sosafe", year]) == (
        "/p/sosafe/funding/summary/2017-18/"
    )


@pytest.mark.parametrize("quarter", [4, "4", Quarter(FinancialYear(2017), 4)])
def test_urls_are_built_from_a_quarter_or_its_number(quarter):
    url = reverse("actionplan:quarter-detail", args=["sosafe", FinancialYear(2017), quarter])
    assert url == "/p/sosafe/plans/2017-18/quarters/4/"


@pytest.mark.parametrize("quarter", [0, 5])
def test_no_url_is_built_for_a_quarter_that_does_not_exist(quarter):
    with pytest.raises(NoReverseMatch):
        reverse("actionplan:update-edit", args=["sosafe", 1, quarter])

import pytest

from referrals import demo as referrals_demo
from referrals.models import ReferralReturn, ReportedFigure, Service, SourceCount
from sosafe.models import Partnership
from sosafe.periods import FinancialYear

PANEL_FIGURES = {
    "Strategic Community Safety": 158,
    "No More Service": 139,
    "SADA Service": 916,
    "Resettlement Team": 113,
    "Rough Sleeper Team": 308,
    "Rough Sleeper Count": 16,
    "ASB": 189,
    "Low Level ASB": 37,
}


@pytest.fixture
def loaded(demo):
    return Partnership.objects.get(slug="sosafe")


def test_the_2025_26_figures_are_stored_as_given_and_not_as_whole_years(loaded):
    figures = {
        f.service.name: f
        for f in ReportedFigure.objects.filter(year=FinancialYear(2025)).select_related("service")
    }
    assert {name: f.count for name, f in figures.items()} == PANEL_FIGURES
    for figure in figures.values():
        assert not figure.whole_year
        assert "no end date" in figure.period
        assert "Crime and Disorder Panel" in figure.source
        assert not hasattr(figure, "illustrative")


def test_spread_quarters_are_illustrative_and_add_up_to_the_reported_figure(loaded):
    for name, reported in PANEL_FIGURES.items():
        returns = ReferralReturn.objects.filter(service__name=name, year=FinancialYear(2025))
        assert sorted(r.quarter for r in returns) == [1, 2, 3]
        assert sum(r.total for r in returns) == reported
        assert all(r.illustrative for r in returns)
    assert not ReferralReturn.objects.filter(illustrative=False).exists()
    earlier = ReferralReturn.objects.filter(year__in=[2023, 2024])
    assert earlier.count() == len(PANEL_FIGURES) * 8
    assert all(r.illustrative for r in earlier)


def test_the_2018_paper_figures_go_in_faithfully(loaded):
    mnwg = ReportedFigure.objects.get(service__name="Multiple Needs Working Group")
    assert (mnwg.count, mnwg.year) == (17, FinancialYear(2017))
    assert "calendar year" in mnwg.period and "10 partner agencies" in mnwg.detail
    safe_space = ReportedFigure.objects.filter(service__name="Safe Space").order_by("-count")
    assert [(f.count, "July 2017" in f.period) for f in safe_space] == [(28, True), (21, True)]
    assert not ReferralReturn.objects.filter(service__name__in=["Safe Space"]).exists()


def test_illustrative_breakdown_adds_up_and_services_support_objectives(loaded):
    for referral_return in ReferralReturn.objects.filter(sources__isnull=False).distinct():
        assert sum(s.count for s in referral_return.sources.all()) == referral_return.total
    assert SourceCount.objects.filter(kind="self_referral").exists()
    nms = Service.objects.get(name="No More Service")
    assert sorted(o.number for o in nms.objectives.all()) == [1, 2, 3, 4, 5]
    assert {o.strategy.start_year for o in nms.objectives.all()} == {2025}


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [(916, [1, 1, 1], [306, 305, 305]), (16, [1, 1, 1], [6, 5, 5]), (0, [1, 1], [0, 0])],
)
def test_spread_keeps_the_total(total, weights, expected):
    assert referrals_demo.spread(total, weights) == expected
    assert sum(referrals_demo.spread(total, weights)) == total

import datetime

from referrals import charts, selectors
from sosafe.periods import FinancialYear, Quarter
from tests.factories import ReferralReturnFactory, ReportedFigureFactory
from tests.referrals.conftest import QUARTER


def test_the_grid_opens_on_the_last_completed_quarter():
    assert selectors.default_quarter(datetime.date(2026, 11, 21)) == Quarter.parse("Q2 2026/27")
    assert selectors.default_quarter(datetime.date(2026, 4, 1)) == Quarter.parse("Q4 2025/26")
    assert selectors.default_quarter(datetime.date(2026, 1, 15)) == Quarter.parse("Q3 2025/26")


def test_a_quarter_parameter_is_read_or_explained():
    today = datetime.date(2026, 11, 21)
    assert selectors.quarter_from("Q1 2024/25", today) == (Quarter.parse("Q1 2024/25"), "")
    assert selectors.quarter_from("2024-25 Q3", today)[0] == Quarter.parse("Q3 2024/25")
    quarter, message = selectors.quarter_from("Q2 2025/27", today)
    assert quarter == Quarter.parse("Q2 2026/27")
    assert "2025/27" in message and "Showing Q2 2026/27 instead" in message


def test_quarter_choices_include_the_one_asked_for():
    old = Quarter.parse("Q1 2015/16")
    choices = selectors.quarter_choices(old, datetime.date(2026, 11, 21))
    assert choices[0] == Quarter.parse("Q3 2026/27")
    assert old in choices and choices == sorted(choices, reverse=True)


def test_a_year_in_progress_is_compared_with_the_same_quarters_last_year(world, services):
    year = FinancialYear(2025)
    for quarter, total in ((1, 10), (2, 20), (3, 30), (4, 40)):
        ReferralReturnFactory(
            service=services.own, year=year.previous(), quarter=quarter, total=total
        )
    for quarter, total in ((1, 12), (2, 18)):
        ReferralReturnFactory(service=services.own, year=year, quarter=quarter, total=total)
    trend = selectors.service_trend(services.own)
    latest = trend.years[-1]
    assert (latest.total, latest.previous_total, latest.previous_complete_total) == (30, 30, 100)
    assert latest.period_label == "Q1–Q2"
    assert str(latest.change_on_last_year) == "No change"
    assert [str(c.change_on_last_year) for c in latest.cells[:2]] == ["+2 (+20.0%)", "-2 (-10.0%)"]
    assert trend.years[0].change_on_last_year.kind == "none"


def test_trend_spans_gaps_and_reported_years(world, services):
    ReferralReturnFactory(service=services.own, year=FinancialYear(2021), quarter=1, total=1)
    ReportedFigureFactory(service=services.own, year=FinancialYear(2024), count=50)
    trend = selectors.service_trend(services.own)
    assert [str(row.year) for row in trend.years] == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert [figure.count for figure in trend.reported] == [50]


def test_table_totals_compare_only_when_every_service_can_be(world, services):
    year = QUARTER.year
    ReferralReturnFactory(service=services.own, year=year, quarter=1, total=5)
    ReferralReturnFactory(service=services.own, year=year.previous(), quarter=1, total=4)
    ReferralReturnFactory(service=services.other, year=year, quarter=1, total=7)
    rows = selectors.partnership_table(world.partnership, year)
    assert selectors.table_totals(rows) == (12, None)
    ReferralReturnFactory(service=services.other, year=year.previous(), quarter=1, total=6)
    rows = selectors.partnership_table(world.partnership, year)
    assert selectors.table_totals(rows) == (12, 10)


def test_the_chart_is_a_named_svg_with_no_script(world, services):
    for number, total in ((1, 4), (2, 9)):
        ReferralReturnFactory(
            service=services.own,
            year=FinancialYear(2024),
            quarter=number,
            total=total,
            illustrative=True,
        )
    svg = charts.trend_chart(selectors.service_trend(services.own))
    assert svg.startswith("<svg ") and 'role="img"' in svg
    assert '<title id="trend-chart-title">Alpha Service: referrals by quarter</title>' in svg
    assert '<desc id="trend-chart-desc">' in svg and "same figures are in the table" in svg
    assert "<script" not in svg and "http://kozea" not in svg
    assert "2024/25 (illustrative)" in svg


def test_home_summary_per_role(world, services, django_assert_num_queries):
    year = QUARTER.year
    ReferralReturnFactory(service=services.own, year=year, quarter=1, total=5, illustrative=True)
    ReferralReturnFactory(service=services.own, year=year.previous(), quarter=1, total=4)
    with django_assert_num_queries(6):  # no plan: the years with counts decide
        summary = selectors.home_summary(world.member)
    assert (summary.year, summary.total, summary.previous_total) == (year, 5, 4)
    assert summary.illustrative and summary.period_label == "Q1"
    assert not summary.previous_illustrative
    assert str(summary.change) == "+1 (+25.0%)"
    assert not selectors.home_summary(world.scrutiny).readable


def test_the_home_panel_renders(world, services):
    from tests.reports.panels import render_panel

    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=2, total=9)
    for persona, expected in (("member", "9"), ("scrutiny", "public table of referrals")):
        html = render_panel("referrals", getattr(world, persona))
        assert expected in html


def test_axis_labels_are_round_and_cover_the_largest_count():
    assert charts.axis_labels(0) == [0, 1]
    assert charts.axis_labels(7) == [0, 2, 4, 6, 8]
    assert charts.axis_labels(916) == [0, 200, 400, 600, 800, 1000]

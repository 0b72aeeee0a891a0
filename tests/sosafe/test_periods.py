import datetime

import pytest

from sosafe.periods import FinancialYear, Month, PeriodError, Quarter


class TestFinancialYear:
    @pytest.mark.parametrize("text", ["2024/25", "2024-25", "2024/2025", " 2024/25 "])
    def test_parses_the_ways_people_write_it(self, text):
        assert FinancialYear.parse(text) == FinancialYear(2024)

    @pytest.mark.parametrize(
        "text", ["2024/26", "2024/24", "2024", "24/25", "2024/2026", "Q1 2024/25", "", "abcd/ef"]
    )
    def test_rejects_strings_that_are_not_a_financial_year(self, text):
        with pytest.raises(PeriodError):
            FinancialYear.parse(text)

    def test_error_message_suggests_the_fix(self):
        with pytest.raises(PeriodError, match="write 2024/25"):
            FinancialYear.parse("2024/26")

    def test_formats_and_slugs(self):
        year = FinancialYear(2024)
        assert str(year) == "2024/25"
        assert year.slug == "2024-25"
        assert str(FinancialYear(1999)) == "1999/00"

    def test_runs_1_april_to_31_march(self):
        year = FinancialYear(2024)
        assert year.start == datetime.date(2024, 4, 1)
        assert year.end == datetime.date(2025, 3, 31)

    @pytest.mark.parametrize(
        ("day", "start_year"),
        [
            (datetime.date(2025, 3, 31), 2024),
            (datetime.date(2025, 4, 1), 2025),
            (datetime.date(2025, 1, 1), 2024),
            (datetime.date(2024, 12, 31), 2024),
        ],
    )
    def test_year_of_a_date_at_the_edges(self, day, start_year):
        assert FinancialYear.of_date(day) == FinancialYear(start_year)
        assert day in FinancialYear(start_year)
        assert day not in FinancialYear(start_year + 1)

    def test_ordering_and_neighbours(self):
        assert FinancialYear(2023) < FinancialYear(2024)
        assert FinancialYear(2024).previous() == FinancialYear(2023)
        assert FinancialYear(2024).next() == FinancialYear(2025)
        assert sorted([FinancialYear(2025), FinancialYear(2017)])[0] == FinancialYear(2017)


class TestQuarter:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (datetime.date(2024, 4, 1), "Q1 2024/25"),
            (datetime.date(2024, 6, 30), "Q1 2024/25"),
            (datetime.date(2024, 7, 1), "Q2 2024/25"),
            (datetime.date(2024, 12, 31), "Q3 2024/25"),
            (datetime.date(2025, 1, 1), "Q4 2024/25"),
            (datetime.date(2025, 3, 31), "Q4 2024/25"),
            (datetime.date(2025, 4, 1), "Q1 2025/26"),
        ],
    )
    def test_quarter_of_a_date(self, day, expected):
        assert str(Quarter.of_date(day)) == expected

    def test_q4_crosses_the_calendar_year(self):
        q4 = Quarter(FinancialYear(2024), 4)
        assert q4.start == datetime.date(2025, 1, 1)
        assert q4.end == datetime.date(2025, 3, 31)
        assert q4.months == "Jan–Mar 2025"

    @pytest.mark.parametrize(
        ("number", "start", "end"),
        [
            (1, datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)),
            (2, datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
            (3, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        ],
    )
    def test_quarter_bounds(self, number, start, end):
        quarter = Quarter(FinancialYear(2024), number)
        assert (quarter.start, quarter.end) == (start, end)

    def test_previous_quarter_crosses_the_financial_year(self):
        assert Quarter.parse("Q1 2025/26").previous() == Quarter.parse("Q4 2024/25")
        assert Quarter.parse("Q3 2025/26").previous() == Quarter.parse("Q2 2025/26")

    def test_next_quarter_crosses_the_financial_year(self):
        assert Quarter.parse("Q4 2024/25").next() == Quarter.parse("Q1 2025/26")

    def test_same_quarter_last_year(self):
        assert Quarter.parse("Q4 2024/25").same_quarter_last_year() == Quarter.parse("Q4 2023/24")

    @pytest.mark.parametrize("text", ["Q1 2024/25", "2024/25 Q1", "q1 2024-25"])
    def test_parses(self, text):
        assert Quarter.parse(text) == Quarter(FinancialYear(2024), 1)

    @pytest.mark.parametrize("text", ["Q5 2024/25", "Q0 2024/25", "Q1 2024/26", "2024/25", "Q1"])
    def test_rejects_bad_quarters(self, text):
        with pytest.raises(PeriodError):
            Quarter.parse(text)

    def test_quarter_number_is_checked(self):
        with pytest.raises(PeriodError):
            Quarter(FinancialYear(2024), 5)

    def test_quarters_sort_across_years(self):
        quarters = [Quarter.parse("Q1 2025/26"), Quarter.parse("Q4 2024/25")]
        assert sorted(quarters) == list(reversed(quarters))


class TestMonth:
    def test_parses_the_police_uk_form(self):
        assert Month.parse("2024-01") == Month(2024, 1)
        assert Month.parse(" 2024-12 ") == Month(2024, 12)

    @pytest.mark.parametrize("text", ["2024-13", "2024-00", "Jan 2024", "2024", "24-01", ""])
    def test_rejects_what_is_not_a_month(self, text):
        with pytest.raises(PeriodError):
            Month.parse(text)

    @pytest.mark.parametrize(
        ("month", "year", "quarter"),
        [
            (Month(2024, 4), 2024, 1),
            (Month(2024, 6), 2024, 1),
            (Month(2024, 7), 2024, 2),
            (Month(2024, 12), 2024, 3),
            (Month(2025, 1), 2024, 4),
            (Month(2025, 3), 2024, 4),
        ],
    )
    def test_knows_its_financial_year_and_quarter(self, month, year, quarter):
        assert month.year == FinancialYear(year)
        assert month.quarter == Quarter(FinancialYear(year), quarter)

    def test_steps_across_calendar_and_financial_years(self):
        assert Month(2025, 1).previous() == Month(2024, 12)
        assert Month(2024, 12).next() == Month(2025, 1)
        assert Month(2025, 4).previous() == Month(2025, 3)
        assert Month(2025, 2).same_period_last_year() == Month(2024, 2)
        assert Month(2024, 3).end == datetime.date(2024, 3, 31)
        assert Month(2024, 2).end == datetime.date(2024, 2, 29)

    def test_in_year_places_january_to_march_in_the_later_calendar_year(self):
        year = FinancialYear(2024)
        assert Month.in_year(year, 4) == Month(2024, 4)
        assert Month.in_year(year, 3) == Month(2025, 3)
        assert year.months()[0] == Month(2024, 4)
        assert year.months()[-1] == Month(2025, 3)
        assert len(year.months()) == 12

    def test_periods_to_date_start_in_april(self):
        assert Month(2024, 4).periods_to_date() == [Month(2024, 4)]
        assert Month(2025, 1).periods_to_date()[0] == Month(2024, 4)
        assert len(Month(2025, 3).periods_to_date()) == 12
        quarter = Quarter(FinancialYear(2024), 3)
        assert quarter.periods_to_date() == FinancialYear(2024).quarters()[:3]
        assert quarter.last_month == Month(2024, 12)
        assert quarter.calendar_months() == [Month(2024, 10), Month(2024, 11), Month(2024, 12)]
        assert quarter.same_period_last_year() == Quarter(FinancialYear(2023), 3)

    def test_labels_and_order(self):
        assert str(Month(2025, 1)) == "Jan 2025"
        assert Month(2025, 1).slug == "2025-01"
        assert sorted([Month(2025, 1), Month(2024, 12)]) == [Month(2024, 12), Month(2025, 1)]


def test_the_last_quarter_of_the_last_plausible_year_has_an_end():
    last = FinancialYear(2999).quarter(4)
    assert (last.start, last.end) == (datetime.date(3000, 1, 1), datetime.date(3000, 3, 31))
    assert not FinancialYear(2999).has_neighbours
    assert not FinancialYear(1900).has_neighbours
    assert FinancialYear(1901).has_neighbours

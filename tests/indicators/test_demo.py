"""The demo indicators reproduce the figures of the documents they come from."""

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.measures import percent_change
from indicators.models import Area, Indicator, IndicatorValue
from indicators.selectors import indicator_summaries
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, Month

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURE = json.loads((ROOT / "fixtures" / "sosafe" / "indicators.json").read_text())


@pytest.fixture
def sosafe(db):
    call_command("load_demo", stdout=io.StringIO())
    return Partnership.objects.get(slug="sosafe")


def _summaries(partnership, text):
    year, quarter = text.split(" ")[1], int(text.split(" ")[0][1])
    found = indicator_summaries(partnership, year=FinancialYear.parse(year), quarter=quarter)
    return {s.name: s for s in found}


def test_year_to_date_percentages_reproduce_the_documents(sosafe):
    checked = 0
    for row in FIXTURE["indicators"]:
        for reported in row["reported"]:
            if reported["compare"] == "year_to_date":
                summary = _summaries(sosafe, reported["at"])[row["name"]]
                assert summary.on_last_year_to_date.percent == Decimal(reported["percent"]), row
                assert summary.illustrative
                checked += 1
            elif reported["compare"] == "year_to_date_total":
                summary = _summaries(sosafe, reported["at"])[row["name"]]
                assert summary.on_last_year_to_date.current == reported["total"]
                checked += 1
    assert checked == 13


def test_overall_asb_down_6_5_percent_in_calendar_2025(sosafe):
    asb = Indicator.objects.get(partnership=sosafe, police_crime_type="Anti-social behaviour")
    by_month = {v.period: v.value for v in asb.values.all()}
    year_2024 = sum(by_month[Month(2024, m)] for m in range(1, 13))
    year_2025 = sum(by_month[Month(2025, m)] for m in range(1, 13))
    assert percent_change(year_2024, year_2025) == Decimal("-6.5")


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside this checkout")
def test_the_fixture_percentages_are_the_papers(sosafe):
    paper = (SEEDS / "scrutiny-committee-paper-2018-action-plan-2017-18.txt").read_text()
    section = paper[paper.index("3.3 Stevenage Crime/ASB") : paper.index("3.4 PRIORITY")]
    in_paper = {
        name.strip().lower(): Decimal(percent)
        for name, percent in re.findall(r"- ([A-Za-z ]+?)\s*–?\s*(-?[\d.]+)%", section)
    }
    assert len(in_paper) == 7
    summaries = _summaries(sosafe, "Q3 2017/18")
    for name, percent in in_paper.items():
        match = next(s for s in summaries.values() if s.name.lower() == name)
        assert match.on_last_year_to_date.percent == percent, name
    panel = (SEEDS / "crime-and-disorder-panel-presentation-2025-26.txt").read_text()
    results = _summaries(sosafe, "Q3 2025/26")
    for count, name in re.findall(r"- (\d+) (arrests|knives seized|stop searches)", panel):
        assert results[name.capitalize()].on_last_year_to_date.current == int(count)


def test_area_and_labels(sosafe):
    assert Area.objects.get(partnership=sosafe).lsoa_name_prefix == "Stevenage"
    assert not IndicatorValue.objects.filter(
        indicator__partnership=sosafe, illustrative=False
    ).exists()
    asb = Indicator.objects.get(partnership=sosafe, name="All ASB")
    assert asb.objective.number == 4
    assert asb.objective.strategy.start_year == 2018

"""Demo indicators from fixtures/sosafe/indicators.json: the 2018 committee paper's crime and ASB
comparisons and the 2025/26 panel presentation's results, as illustrative monthly or quarterly
values that reproduce the percentages and totals the documents give; the area "Stevenage"."""

from decimal import Decimal

from actionplan.models import Objective
from indicators.models import Area, Indicator, IndicatorValue
from sosafe.demo import read
from sosafe.models import Membership, Partnership
from sosafe.periods import Month, Quarter

FIXTURE = "indicators.json"


def _value(indicator: Indicator, row: dict) -> IndicatorValue:
    if "month" in row:
        month = Month.parse(row["month"])
        year, quarter, number = month.year, month.quarter.number, month.month
    else:
        period = Quarter.parse(row["quarter"])
        year, quarter, number = period.year, period.number, None
    return IndicatorValue(
        indicator=indicator,
        year=year,
        quarter=quarter,
        month=number,
        value=Decimal(row["value"]),
        target=Decimal(row["target"]) if row.get("target") is not None else None,
        illustrative=row.get("illustrative", False),
        note="Demo data",
    )


def load(partnership: Partnership, memberships: list[Membership]) -> None:
    data = read(FIXTURE)
    Area.objects.create(partnership=partnership, **data["area"])
    objectives = {
        (o.strategy.start_year, o.number): o
        for o in Objective.objects.filter(strategy__partnership=partnership).select_related(
            "strategy"
        )
    }
    values = []
    for row in data["indicators"]:
        link = row.get("objective")
        indicator = Indicator.objects.create(
            partnership=partnership,
            name=row["name"],
            description=row["description"],
            unit=row["unit"],
            polarity=row["polarity"],
            frequency=row["frequency"],
            source=data["sources"][row["source"]],
            police_crime_type=row.get("police_crime_type", ""),
            objective=objectives.get((link["strategy_start"], link["number"])) if link else None,
        )
        values += [_value(indicator, value) for value in row["values"]]
    IndicatorValue.objects.bulk_create(values)

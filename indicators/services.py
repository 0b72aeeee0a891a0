"""Writes to indicators: police.uk crime counts, values entered in the browser, the area.

Views, the management command and the demo loader call these, so each rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indicators.measures import Polarity, Unit
from indicators.models import (
    ALL_CRIME,
    POLICE_UK_SOURCE,
    Area,
    Indicator,
    IndicatorValue,
)
from indicators.police import CrimeCounts
from sosafe.models import Partnership
from sosafe.periods import Month


class ImportRefused(Exception):
    """The import cannot go ahead (e.g. the partnership has no area)."""


@dataclass(frozen=True)
class MonthStored:
    month: Month
    counts: list[tuple[str, int]]  # crime type, count: "All crime" first, then by name


def _police_indicators(partnership: Partnership, types: set[str]) -> dict[str, Indicator]:
    """The partnership's indicator for each police.uk crime type, created when missing."""
    existing = {
        i.police_crime_type: i
        for i in Indicator.objects.filter(partnership=partnership).exclude(police_crime_type="")
    }
    names = set(Indicator.objects.filter(partnership=partnership).values_list("name", flat=True))
    for crime_type in sorted(types - set(existing)):
        name = crime_type if crime_type not in names else f"{crime_type} (police.uk)"
        existing[crime_type] = Indicator.objects.create(
            partnership=partnership,
            name=name,
            unit=Unit.COUNT,
            polarity=Polarity.LOWER_IS_BETTER,
            frequency=Indicator.Frequency.MONTHLY,
            source=POLICE_UK_SOURCE,
            police_crime_type=crime_type,
            description=(
                f"Crimes recorded as “{crime_type}” in the partnership's area, counted from "
                "police.uk street-level files."
                if crime_type != ALL_CRIME
                else "Every police.uk crime type except anti-social behaviour, in the area."
            ),
        )
        names.add(name)
    return existing


@transaction.atomic
def crime_counts_store(
    *, partnership: Partnership, counts: CrimeCounts, user=None
) -> list[MonthStored]:
    """Store the counts as the months' values of the crime-type indicators (created as needed).

    A month imported again is replaced: every police.uk indicator of the partnership gets that
    month's new count (0 when the files hold none of its type). Targets already set are kept.
    """
    area = Area.objects.filter(partnership=partnership).first()
    if area is None or not area.is_defined:
        raise ImportRefused(
            "Set the partnership's area (its LSOAs) before importing crime data: without it, "
            "no crime can be placed in the area."
        )
    by_type = _police_indicators(partnership, counts.types | {ALL_CRIME})
    indicator_ids = [i.pk for i in by_type.values()]
    stored = []
    for month in counts.months:
        month_counts = counts.counts_for(month)
        existing = {
            v.indicator_id: v
            for v in IndicatorValue.objects.filter(
                indicator_id__in=indicator_ids, year=month.year, month=month.month
            )
        }
        updated, created = [], []
        for crime_type, indicator in by_type.items():
            count = Decimal(month_counts.get(crime_type, 0))
            value = existing.get(indicator.pk)
            if value is None:
                created.append(
                    IndicatorValue(
                        indicator=indicator,
                        year=month.year,
                        quarter=month.quarter.number,
                        month=month.month,
                        value=count,
                        entered_by=user,
                        note="police.uk import",
                    )
                )
            else:
                value.value, value.illustrative, value.entered_by = count, False, user
                value.note, value.updated_at = "police.uk import", timezone.now()
                updated.append(value)
        IndicatorValue.objects.bulk_create(created)
        IndicatorValue.objects.bulk_update(
            updated, ["value", "illustrative", "entered_by", "note", "updated_at"]
        )
        ordered = sorted(
            ((t, int(month_counts.get(t, 0))) for t in by_type),
            key=lambda pair: (pair[0] != ALL_CRIME, pair[0]),
        )
        stored.append(MonthStored(month, ordered))
    return stored


def _value_save(indicator: Indicator, period, existing, fields: dict, user) -> bool:
    """Create or change one period's value; False when nothing changed."""
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return False
    value = existing or IndicatorValue(
        indicator=indicator,
        year=period.year,
        quarter=_quarter_number(period),
        month=getattr(period, "month", None),
    )
    for key, new in fields.items():
        setattr(value, key, new)
    value.entered_by = user
    value.full_clean()
    value.save()
    return True


@transaction.atomic
def indicator_values_save(*, indicator: Indicator, rows: dict, user=None) -> int:
    """Save a year's grid: ``rows`` maps each period to its cleaned value, target and
    illustrative flag. An empty value removes that period's value. Returns how many changed."""
    periods = list(rows)
    if not periods:
        return 0
    existing = {v.period: v for v in indicator.values.filter(year=periods[0].year)}
    changed = 0
    for period, row in rows.items():
        value = existing.get(period)
        if row.get("value") is None:
            if value is not None:
                value.delete()
                changed += 1
            continue
        fields = {
            "value": row["value"],
            "target": row.get("target"),
            "illustrative": bool(row.get("illustrative")),
        }
        changed += _value_save(indicator, period, value, fields, user)
    return changed


@transaction.atomic
def indicator_values_import(*, rows: list, user=None) -> int:
    """Store the rows of a checked spreadsheet (indicators.imports.ValueRow): each replaces its
    period's value and target. Returns how many values changed."""
    changed = 0
    for row in rows:
        existing = row.indicator.values.filter(
            year=row.period.year,
            quarter=_quarter_number(row.period),
            month=getattr(row.period, "month", None),
        ).first()
        fields = {"value": row.value, "target": row.target, "illustrative": row.illustrative}
        changed += _value_save(row.indicator, row.period, existing, fields, user)
    return changed


def _quarter_number(period) -> int:
    return period.quarter.number if isinstance(period, Month) else period.number

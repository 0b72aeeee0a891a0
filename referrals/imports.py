"""Reading a spreadsheet of counts (CSV or XLSX) and checking every row before anything is saved.

Layout: one row per count, columns ``service, year, quarter, source, count`` (other columns are
ignored). ``source`` is empty or "total" for the return's count, or a referring agency: an
organisation of the partnership (short name or name), "self-referral" or "other". The source
rows of a return replace its breakdown; with no total row, their sum is the count.

Row numbers are the spreadsheet's: the header is row 1, the first count row 2.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from referrals.exports import IMPORT_HEADERS, TOTAL_SOURCE
from referrals.models import MAX_COUNT, ReferralReturn, Service, breakdown_mismatch_message
from referrals.services import (
    OTHER,
    SELF_REFERRAL,
    SourceKey,
    check_period,
    existing_breakdown,
    organisation_source,
)
from sosafe.bounds import too_large_message
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, PeriodError, Quarter
from sosafe.spreadsheets import Preview, Problem, SpreadsheetError, Table, read_table
from sosafe.spreadsheets.imports import formula_problems

SELF_NAMES = {"self-referral", "self referral", "self", "selfreferral"}
TOTAL_NAMES = {"", TOTAL_SOURCE}


@dataclass
class ImportGroup:
    """Everything the file says about one service's return for one quarter."""

    service: Service
    quarter: Quarter
    total: int | None = None
    total_row: int | None = None
    breakdown: dict[SourceKey, int] = field(default_factory=dict)
    source_labels: dict[SourceKey, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    current: ReferralReturn | None = None

    @property
    def new_total(self) -> int:
        if self.total is not None:
            return self.total
        if self.breakdown:
            return sum(self.breakdown.values())
        return self.current.total if self.current else 0

    @property
    def replaces_breakdown(self) -> bool:
        return bool(self.breakdown)

    @property
    def breakdown_text(self) -> str:
        return ", ".join(
            f"{self.source_labels[key]} {count}" for key, count in self.breakdown.items()
        )

    @property
    def action(self) -> str:
        if self.current is None:
            return "new return"
        old_breakdown = existing_breakdown(self.current)
        total_changes = self.new_total != self.current.total
        breakdown_changes = self.replaces_breakdown and self.breakdown != old_breakdown
        if not total_changes and not breakdown_changes and not self.current.illustrative:
            return "unchanged"
        parts = []
        if total_changes:
            parts.append(f"count {self.current.total} → {self.new_total}")
        if breakdown_changes:
            parts.append("breakdown replaced")
        if self.current.illustrative and not parts:
            parts.append("illustrative figure becomes a real return")
        return "; ".join(parts)

    @property
    def changes_anything(self) -> bool:
        return self.action != "unchanged"


class CountsPreview(Preview):
    """``rows`` are the returns the file would save, one ``ImportGroup`` each."""

    @property
    def changing(self) -> list[ImportGroup]:
        return [group for group in self.rows if group.changes_anything]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_quarter_number(value) -> int:
    text = _cell(value).upper().removeprefix("Q").strip()
    if text in {"1", "2", "3", "4"}:
        return int(text)
    raise ValidationError(f"quarter “{_cell(value)}” is not Q1, Q2, Q3 or Q4")


def parse_count(value) -> int:
    text = _cell(value)
    if text == "":
        raise ValidationError("the count is missing")
    if isinstance(value, bool):
        raise ValidationError(f"count “{text}” is not a whole number")
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValidationError(f"count “{text}” is not a whole number") from None
    if number != number.to_integral_value():
        raise ValidationError(f"count “{text}” is not a whole number")
    if number < 0:
        raise ValidationError(f"count {text} is negative: counts are 0 or more")
    if number > MAX_COUNT:
        raise ValidationError(
            f"count {text} is too large: counts are at most {MAX_COUNT:,}, "
            "the largest the database holds"
        )
    return int(number)


class _Lookups:
    def __init__(self, partnership: Partnership):
        service_list = list(Service.objects.filter(partnership=partnership))
        self.services = {service.name.strip().lower(): service for service in service_list}
        self.organisations = {}
        for organisation in partnership.organisations.all():
            self.organisations[organisation.name.strip().lower()] = organisation
            self.organisations[organisation.short_name.strip().lower()] = organisation

    def service(self, value) -> Service:
        name = _cell(value)
        if not name:
            raise ValidationError("the service is missing")
        try:
            return self.services[name.lower()]
        except KeyError:
            raise ValidationError(f"unknown service “{name}”") from None

    def source(self, value) -> tuple[SourceKey | None, str]:
        """(None, "total") for the return's count, or a referring agency and its label."""
        text = _cell(value)
        lowered = text.lower()
        if lowered in TOTAL_NAMES:
            return None, TOTAL_SOURCE
        if lowered in SELF_NAMES:
            return SELF_REFERRAL, "Self-referral"
        if lowered == "other":
            return OTHER, "Other"
        organisation = self.organisations.get(lowered)
        if organisation is None:
            raise ValidationError(
                f"unknown source “{text}”: use an organisation of the partnership, "
                "“self-referral”, “other”, or “total” for the return's count"
            )
        return organisation_source(organisation.pk), organisation.short_name


def _header_positions(table: Table) -> dict[str, int]:
    headers = [h.lower() for h in table.headers]
    missing = [name for name in IMPORT_HEADERS if name not in headers]
    if missing:
        raise SpreadsheetError(
            f"The first row must name the columns {', '.join(IMPORT_HEADERS)}; "
            f"missing: {', '.join(missing)}."
        )
    return {name: headers.index(name) for name in IMPORT_HEADERS}


def plan_import(
    partnership: Partnership, content: bytes, fmt: str, today: datetime.date | None = None
) -> CountsPreview:
    return plan_table(partnership, read_table(content, fmt), today)


def plan_table(
    partnership: Partnership, table: Table, today: datetime.date | None = None
) -> CountsPreview:
    """Check every row; nothing is written. The plan lists each bad row and why."""
    positions = _header_positions(table)
    lookups = _Lookups(partnership)
    errors: list[Problem] = []
    groups: dict[tuple[int, Quarter], ImportGroup] = {}
    first_seen: dict[tuple, int] = {}
    formulas = formula_problems(table)
    row_count = 0

    for raw in table.rows:
        row_number = raw.number
        values = {name: raw.cells[pos] for name, pos in positions.items()}
        if all(_cell(v) == "" for v in values.values()):
            continue
        row_count += 1
        reasons = list(formulas.get(row_number, []))
        service = quarter = source = count = None
        label = ""
        try:
            service = lookups.service(values["service"])
        except ValidationError as exc:
            reasons.extend(exc.messages)
        try:
            year = FinancialYear.parse(_cell(values["year"]))
            quarter = year.quarter(parse_quarter_number(values["quarter"]))
        except PeriodError as exc:
            reasons.append(f"year {exc}")
        except ValidationError as exc:
            reasons.extend(exc.messages)
        try:
            source, label = lookups.source(values["source"])
        except ValidationError as exc:
            reasons.extend(exc.messages)
        try:
            count = parse_count(values["count"])
        except ValidationError as exc:
            reasons.extend(exc.messages)
        if service and quarter:
            try:
                check_period(service=service, quarter=quarter, today=today)
            except ValidationError as exc:
                reasons.extend(exc.messages)
        if not reasons:
            key = (service.pk, quarter, source)
            if key in first_seen:
                reasons.append(
                    f"duplicate of row {first_seen[key]} (same service, quarter and source)"
                )
            else:
                first_seen[key] = row_number
        summary = ", ".join(_cell(values[name]) or "(empty)" for name in IMPORT_HEADERS)
        if reasons:
            errors.append(Problem(row_number, reasons, summary))
            continue
        group = groups.setdefault((service.pk, quarter), ImportGroup(service, quarter))
        group.rows.append(row_number)
        if source is None:
            group.total, group.total_row = count, row_number
        else:
            group.breakdown[source] = count
            group.source_labels[source] = label

    _attach_current_returns(partnership, groups)
    for group in groups.values():
        errors.extend(_group_errors(group))
    errors.sort(key=lambda error: error.number)
    ordered = sorted(groups.values(), key=lambda g: (g.service.name.lower(), g.quarter))
    return CountsPreview(problems=errors, rows=ordered, row_count=row_count)


def _attach_current_returns(partnership: Partnership, groups: dict) -> None:
    years = {quarter.year.start_year for _, quarter in groups}
    current = (
        ReferralReturn.objects.filter(service__partnership=partnership, year__in=years)
        .prefetch_related("sources")
        .order_by()
    )
    by_key = {(r.service_id, r.period): r for r in current}
    for (service_id, quarter), group in groups.items():
        group.current = by_key.get((service_id, quarter))


def _group_errors(group: ImportGroup) -> list[Problem]:
    where = f"{group.service}, {group.quarter}"
    first_row = group.total_row or group.rows[0]
    if group.new_total > MAX_COUNT:
        message = f"the count for {where} would be {group.new_total:,}: " + too_large_message(
            "a count", MAX_COUNT
        )
        return [Problem(first_row, [message], where)]
    if group.breakdown and group.total is not None:
        breakdown_sum = sum(group.breakdown.values())
        if breakdown_sum != group.total:
            source_rows = ", ".join(str(n) for n in group.rows if n != group.total_row)
            return [
                Problem(
                    first_row,
                    [
                        f"the sources for {where} (rows {source_rows}) add up to "
                        f"{breakdown_sum}, not the total {group.total}"
                    ],
                    where,
                )
            ]
    if not group.breakdown and group.current is not None:
        saved = existing_breakdown(group.current)
        if saved and sum(saved.values()) != group.total:
            return [
                Problem(
                    first_row,
                    [
                        f"{where} already has a breakdown by referring agency: "
                        + breakdown_mismatch_message(
                            breakdown=sum(saved.values()), total=group.total
                        )
                        + " Add its source rows to the file to replace it."
                    ],
                    where,
                )
            ]
    return []

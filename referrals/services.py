"""Writes for referral counts. Views, imports and the admin all save through these functions.

Rules kept here:
- a count is a whole number, 0 or more (the database checks it too), at most what the
  database's integer column holds;
- a breakdown by referring agency must add up to the return's count when both are given;
  a breakdown alone sets the count;
- one return per service per quarter (a database constraint);
- counts are for quarters that have started and services active in them;
- no edit silently overwrites another (the return's version, see sosafe.concurrency).
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from referrals import rules
from referrals.models import (
    MAX_COUNT,
    ReferralReturn,
    Service,
    SourceCount,
    breakdown_mismatch_message,
)
from sosafe.bounds import too_large_message
from sosafe.concurrency import StaleEdit, check_unchanged, save_if_unchanged
from sosafe.models import Membership, Organisation
from sosafe.periods import Quarter
from sosafe.spreadsheets import ImportRefused, Problem

# A referring agency: ("organisation", organisation pk), ("self_referral", None) or ("other", None).
SourceKey = tuple[str, int | None]
SELF_REFERRAL: SourceKey = (SourceCount.Kind.SELF_REFERRAL.value, None)
OTHER: SourceKey = (SourceCount.Kind.OTHER.value, None)


def organisation_source(organisation_id: int) -> SourceKey:
    return (SourceCount.Kind.ORGANISATION.value, organisation_id)


def check_count(value, label: str = "The count") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label} must be a whole number.", code="not_whole")
    if value < 0:
        raise ValidationError(f"{label} cannot be negative: enter 0 or more.", code="negative")
    if value > MAX_COUNT:
        raise ValidationError(too_large_message(label), code="too_large")
    return value


def check_breakdown(*, total: int | None, breakdown: Mapping[SourceKey, int]) -> int:
    """The return's count given its breakdown by referring agency.

    With no breakdown the count is required; with a breakdown and no count, the count is the
    breakdown's sum; with both, they must agree.
    """
    if total is not None:
        check_count(total)
    for count in breakdown.values():
        check_count(count, "Each count in the breakdown")
    if not breakdown:
        if total is None:
            raise ValidationError("Enter the count.", code="required")
        return total
    breakdown_sum = check_count(sum(breakdown.values()), "The breakdown's sum")
    if total is None:
        return breakdown_sum
    if total != breakdown_sum:
        raise ValidationError(
            breakdown_mismatch_message(breakdown=breakdown_sum, total=total),
            code="breakdown_mismatch",
        )
    return total


def check_period(*, service: Service, quarter: Quarter, today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    if quarter.start > today:
        raise ValidationError(
            f"{quarter} has not started yet: counts are entered once a quarter is under way.",
            code="future",
        )
    if not service.is_active_in(quarter):
        raise ValidationError(f"{service} was not running in {quarter}.", code="inactive")


def existing_breakdown(referral_return: ReferralReturn) -> dict[SourceKey, int]:
    return {(row.kind, row.organisation_id): row.count for row in referral_return.sources.all()}


def return_save(
    *,
    membership: Membership,
    service: Service,
    quarter: Quarter,
    total: int | None,
    seen_version: int | None,
    breakdown: Mapping[SourceKey, int] | None = None,
    note: str | None = None,
    overwrite: bool = False,
    today: datetime.date | None = None,
) -> ReferralReturn:
    """Create or change a service's return for a quarter.

    ``seen_version`` is the version the person started from (None if there was no return);
    if the return changed meanwhile, ``StaleEdit`` is raised with it as it now is, unless
    ``overwrite`` (an import the coordinator confirmed). ``breakdown`` None keeps the saved
    breakdown (which must still add up); a mapping replaces it, an empty one removes it.
    """
    if not rules.can_enter_for(membership, service):
        raise PermissionDenied(f"You may not enter counts for {service}.")
    check_period(service=service, quarter=quarter, today=today)
    if breakdown:
        _check_sources_belong(service, breakdown)
    with transaction.atomic():
        current = (
            ReferralReturn.objects.select_for_update()
            .filter(service=service, year=quarter.year, quarter=quarter.number)
            .first()
        )
        if current is None:
            referral_return = _create(
                membership, service, quarter, total, breakdown or {}, note, overwrite
            )
        else:
            if not overwrite:
                check_unchanged(current, seen_version=seen_version)
            kept = existing_breakdown(current) if breakdown is None else breakdown
            current.total = check_breakdown(total=total, breakdown=kept)
            if note is not None:
                current.note = note
            current.entered_by = membership.user
            current.illustrative = False
            current._history_user = membership.user
            save_if_unchanged(current, seen_version=seen_version, overwrite=overwrite)
            referral_return = current
        if breakdown is not None:
            _replace_breakdown(referral_return, breakdown, membership.user)
    return referral_return


def _create(membership, service, quarter, total, breakdown, note, overwrite) -> ReferralReturn:
    checked_total = check_breakdown(total=total, breakdown=breakdown)
    try:
        with transaction.atomic():
            created = ReferralReturn(
                service=service,
                year=quarter.year,
                quarter=quarter.number,
                total=checked_total,
                note=note or "",
                entered_by=membership.user,
            )
            created._history_user = membership.user
            created.save()
            return created
    except IntegrityError:
        # Someone created the same return since this person's page was drawn.
        current = ReferralReturn.objects.get(
            service=service, year=quarter.year, quarter=quarter.number
        )
        if overwrite:
            raise
        raise StaleEdit(current) from None


def _check_sources_belong(service: Service, breakdown: Mapping[SourceKey, int]) -> None:
    wanted = {org_id for kind, org_id in breakdown if org_id is not None}
    found = set(
        Organisation.objects.filter(
            partnership_id=service.partnership_id, pk__in=wanted
        ).values_list("pk", flat=True)
    )
    if wanted - found:
        raise ValidationError("A referring agency must be an organisation of the partnership.")


def _replace_breakdown(
    referral_return: ReferralReturn, breakdown: Mapping[SourceKey, int], user
) -> None:
    # Row by row rather than delete-and-recreate, so the history shows what really changed.
    existing = {(row.kind, row.organisation_id): row for row in referral_return.sources.all()}
    for key, row in existing.items():
        row._history_user = user
        if key not in breakdown:
            row.delete()
        elif row.count != breakdown[key]:
            row.count = breakdown[key]
            row.save()
    for (kind, organisation_id), count in breakdown.items():
        if (kind, organisation_id) not in existing:
            row = SourceCount(
                referral_return=referral_return,
                kind=kind,
                organisation_id=organisation_id,
                count=count,
            )
            row._history_user = user
            row.save()


# The entry grid ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GridEntry:
    service: Service
    count: int | None  # as typed; None when the cell is empty
    seen_count: int | None  # the count on the page when it was drawn
    seen_version: int | None  # the return's version then (None: there was no return)

    @property
    def changed(self) -> bool:
        return self.count != self.seen_count


class GridRefused(Exception):
    """Nothing was saved: cell errors and conflicting edits, by service pk."""

    def __init__(self):
        super().__init__("Nothing was saved.")
        self.errors: dict[int, list[str]] = {}
        self.conflicts: dict[int, ReferralReturn] = {}


def grid_save(
    *,
    membership: Membership,
    quarter: Quarter,
    entries: list[GridEntry],
    today: datetime.date | None = None,
) -> list[ReferralReturn]:
    """Save every changed cell of the grid, or none of them."""
    refused = GridRefused()
    saved = []
    with transaction.atomic():
        for entry in entries:
            if not entry.changed:
                continue
            if entry.count is None:
                refused.errors[entry.service.pk] = [
                    "A count was entered for this quarter: enter a number (0 if there were "
                    "none) rather than leaving it empty."
                ]
                continue
            try:
                saved.append(
                    return_save(
                        membership=membership,
                        service=entry.service,
                        quarter=quarter,
                        total=entry.count,
                        seen_version=entry.seen_version,
                        today=today,
                    )
                )
            except ValidationError as exc:
                refused.errors[entry.service.pk] = exc.messages
            except StaleEdit as exc:
                refused.conflicts[entry.service.pk] = exc.current
        if refused.errors or refused.conflicts:
            raise refused  # leaving the block rolls back every cell saved before
    return saved


# Imports ------------------------------------------------------------------------------------


def counts_import(*, membership: Membership, groups, today: datetime.date | None = None) -> int:
    """Apply checked import groups (see ``referrals.imports.plan_import``) all together or not
    at all. The coordinator confirmed what they replace, so versions are not compared; each
    return saved still gets a new version, so anyone editing it meanwhile is told."""
    if not rules.can_import(membership):
        raise PermissionDenied("Only coordinators import counts.")
    applied = 0
    with transaction.atomic():
        for group in groups:
            if not group.changes_anything:
                continue
            try:
                return_save(
                    membership=membership,
                    service=group.service,
                    quarter=group.quarter,
                    total=group.total,
                    seen_version=None,
                    breakdown=group.breakdown or None,
                    overwrite=True,
                    today=today,
                )
            except ValidationError as exc:
                rows = ", ".join(str(n) for n in group.rows)
                message = f"Rows {rows}: {' '.join(exc.messages)}"
                raise ImportRefused(
                    [Problem(group.rows[0], [message], str(group.service))]
                ) from exc
            applied += 1
    return applied

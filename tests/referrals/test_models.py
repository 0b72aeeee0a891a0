"""Database constraints hold whatever writes the row (checked on SQLite and PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from referrals.models import ReferralReturn, SourceCount
from sosafe.periods import FinancialYear, Quarter
from tests.factories import (
    OrganisationFactory,
    ReferralReturnFactory,
    ReportedFigureFactory,
    ServiceFactory,
    SourceCountFactory,
)

pytestmark = pytest.mark.django_db

# sosafe.fields.FinancialYearField inherits PositiveSmallIntegerField's MinValueValidator(0),
# which cannot compare a FinancialYear with 0, so full_clean() fails on any model with one
# (reported to the lead). Until it is fixed, these tests leave the year out of full_clean.
YEAR_FIELD = ["year"]


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_count_is_never_negative():
    service = ServiceFactory()
    _refused(lambda: ReferralReturnFactory(service=service, total=-1))
    referral_return = ReferralReturnFactory(service=service, total=0)
    _refused(lambda: SourceCountFactory(referral_return=referral_return, count=-2))
    _refused(lambda: ReportedFigureFactory(service=service, count=-5))


def test_one_return_per_service_per_quarter():
    referral_return = ReferralReturnFactory(year=FinancialYear(2024), quarter=2)
    _refused(
        lambda: ReferralReturnFactory(
            service=referral_return.service, year=FinancialYear(2024), quarter=2
        )
    )
    # The same quarter of another year, and another service, are fine.
    ReferralReturnFactory(service=referral_return.service, year=FinancialYear(2025), quarter=2)
    ReferralReturnFactory(year=FinancialYear(2024), quarter=2)


def test_quarter_is_one_to_four():
    _refused(lambda: ReferralReturnFactory(quarter=5))
    _refused(lambda: ReferralReturnFactory(quarter=0))


def test_a_source_is_an_organisation_or_a_kind_once_per_return():
    referral_return = ReferralReturnFactory()
    organisation = OrganisationFactory(partnership=referral_return.service.partnership)
    _refused(lambda: SourceCountFactory(referral_return=referral_return, kind="organisation"))
    _refused(
        lambda: SourceCountFactory(
            referral_return=referral_return, kind="other", organisation=organisation
        )
    )
    SourceCountFactory(
        referral_return=referral_return, kind="organisation", organisation=organisation
    )
    _refused(
        lambda: SourceCountFactory(
            referral_return=referral_return, kind="organisation", organisation=organisation
        )
    )
    SourceCountFactory(referral_return=referral_return, kind="self_referral")
    _refused(lambda: SourceCountFactory(referral_return=referral_return, kind="self_referral"))


def test_a_service_cannot_stop_before_it_starts():
    _refused(
        lambda: ServiceFactory(
            active_from=datetime.date(2025, 4, 1), active_to=datetime.date(2025, 3, 31)
        )
    )


def test_model_validation_reports_the_constraints_in_words():
    service = ServiceFactory()
    referral_return = ReferralReturn(service=service, year=FinancialYear(2024), quarter=1, total=-4)
    with pytest.raises(ValidationError) as caught:
        referral_return.full_clean(exclude=YEAR_FIELD)
    assert "A count cannot be negative." in str(caught.value)


def test_model_clean_checks_the_saved_breakdown_adds_up():
    referral_return = ReferralReturnFactory(total=7)
    SourceCountFactory(referral_return=referral_return, kind="self_referral", count=4)
    SourceCountFactory(referral_return=referral_return, kind="other", count=3)
    referral_return.full_clean(exclude=YEAR_FIELD)
    referral_return.total = 8
    with pytest.raises(ValidationError, match="adds up to 7, not 8"):
        referral_return.full_clean(exclude=YEAR_FIELD)


def test_service_organisation_must_be_of_its_partnership():
    service = ServiceFactory()
    service.organisation = OrganisationFactory()
    with pytest.raises(ValidationError, match="same partnership"):
        service.full_clean()


def test_service_is_active_in_the_quarters_it_overlaps():
    service = ServiceFactory(
        active_from=datetime.date(2025, 5, 15), active_to=datetime.date(2025, 10, 1)
    )
    assert not service.is_active_in(Quarter.parse("Q4 2024/25"))
    assert service.is_active_in(Quarter.parse("Q1 2025/26"))
    assert service.is_active_in(Quarter.parse("Q3 2025/26"))
    assert not service.is_active_in(Quarter.parse("Q4 2025/26"))


def test_history_keeps_every_change():
    referral_return = ReferralReturnFactory(total=3)
    referral_return.total = 4
    referral_return.save()
    assert [h.total for h in referral_return.history.order_by("history_date")] == [3, 4]
    source = SourceCount.objects.create(referral_return=referral_return, kind="other", count=4)
    assert source.history.count() == 1

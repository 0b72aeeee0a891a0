"""Every referrals export keeps names that look like formulas as text, in CSV and XLSX."""

import pytest
from django.urls import reverse

from tests.factories import ReferralReturnFactory, ReportedFigureFactory, ServiceFactory
from tests.referrals.conftest import QUARTER
from tests.spreadsheet_checks import HOSTILE, assert_kept_as_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_services(world):
    world.lead_org.short_name = "@SUM(A1)"
    world.lead_org.save()
    made = []
    for text in HOSTILE:
        service = ServiceFactory(
            partnership=world.partnership, organisation=world.lead_org, name=text
        )
        ReferralReturnFactory(service=service, year=QUARTER.year, quarter=QUARTER.number)
        ReportedFigureFactory(service=service, year=QUARTER.year, count=7, source=text)
        made.append(service)
    return made


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "name, query",
    [
        ("service-list-export", f"?year={QUARTER.year}"),
        ("service-public-export", f"?year={QUARTER.year}"),
        ("return-grid-export", f"?quarter={QUARTER}"),
        ("return-export", ""),
    ],
)
def test_no_export_writes_a_live_formula(world, hostile_services, name, query, file_format):
    address = reverse(f"referrals:{name}", args=[world.partnership.slug, file_format])
    response = world.client_for("coordinator").get(address + query)
    assert response.status_code == 200
    assert_kept_as_text(response.content, file_format, [*HOSTILE, "@SUM(A1)"])


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_service_trend_export_keeps_its_title_as_text(world, hostile_services, file_format):
    for service in hostile_services:
        address = reverse(
            "referrals:service-detail-export",
            args=[world.partnership.slug, service.pk, file_format],
        )
        response = world.client_for("coordinator").get(address)
        assert response.status_code == 200
        assert_kept_as_text(response.content, file_format, [str(QUARTER.year)])

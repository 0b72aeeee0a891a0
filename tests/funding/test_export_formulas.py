"""The bids export keeps text that looks like a formula as text, in CSV and XLSX."""

import pytest

from tests.factories import FundingBidFactory
from tests.funding.conftest import url
from tests.spreadsheet_checks import HOSTILE, assert_kept_as_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_bids_export_writes_no_live_formula(world, funder, file_format):
    funder.name = '=HYPERLINK("http://x","funder")'
    funder.save()
    for text in HOSTILE:
        FundingBidFactory(
            partnership=world.partnership,
            funder=funder,
            title=text,
            fund=text,
            delivering_team=text,
            purpose=text,
            notes=text,
        )
    response = world.client_for("coordinator").get(url("bid-export", world, file_format))
    assert response.status_code == 200
    assert_kept_as_text(response.content, file_format, [*HOSTILE, funder.name])

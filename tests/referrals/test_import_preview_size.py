"""A large upload gives a small preview page: the first 200 problems and a count of the rest;
a file over the row cap is refused with a message."""

import io
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from sosafe.spreadsheets import SHOWN

pytestmark = pytest.mark.django_db


def upload(rows: int, service: str = "Gamma Service") -> io.BytesIO:
    lines = ["service,year,quarter,source,count"]
    lines += [f"{service},2025/26,Q1,other {n},4" for n in range(rows)]
    content = io.BytesIO("\n".join(lines).encode())
    content.name = "counts.csv"
    return content


def test_the_preview_lists_the_first_200_problems_and_counts_the_rest(world, services):
    url = reverse("referrals:return-import", args=[world.partnership.slug])
    response = world.client_for("coordinator").post(url, {"file": upload(10_000)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "10000 rows to fix before anything can be imported" in page
    assert len(re.findall(r'<th scope="row">\d+</th>', page)) == SHOWN
    assert '<th scope="row">201</th>' in page and '<th scope="row">202</th>' not in page
    assert "and 9800 more rows with problems not listed here" in page
    assert len(response.content) < 250_000  # was 14 MB for 100,000 rows


@override_settings(SPREADSHEET_MAX_ROWS=10_000, SPREADSHEET_MAX_BYTES=8 * 1024 * 1024)
def test_a_file_over_the_row_cap_is_refused_with_a_message(world, services):
    url = reverse("referrals:return-import", args=[world.partnership.slug])
    response = world.client_for("coordinator").post(url, {"file": upload(100_000)})
    assert response.status_code == 200
    assert "The file has more than 10,000 rows; split it into smaller files." in (
        response.content.decode()
    )
    assert response.context["form"].errors["file"]

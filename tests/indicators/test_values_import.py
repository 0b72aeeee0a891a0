"""Importing indicator values from CSV and XLSX: preview, every bad row listed, all or nothing."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from indicators.imports import plan_values
from indicators.models import IndicatorValue
from sosafe.spreadsheets import SpreadsheetError, read_table
from tests.indicators.factories import IndicatorFactory, month_value
from tests.indicators.test_reading_pages import expected_status

MANAGERS = {"admin", "coordinator"}


@pytest.fixture
def indicators(world):
    asb = IndicatorFactory(partnership=world.partnership, name="ASB")
    arrests = IndicatorFactory(partnership=world.partnership, name="Arrests", frequency="quarterly")
    return asb, arrests


def plan_of(partnership, content: bytes, file_format: str):
    return plan_values(partnership, read_table(content, file_format))


def csv_file(text: str) -> bytes:
    return text.encode("utf-8")


def xlsx_file(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = (
    "Indicator,Period,Value,Target,Illustrative\n"
    "ASB,2025-01,250,240,no\n"
    "arrests,Q1 2025/26,14,,yes\n"
)


def test_plans_good_rows(world, indicators):
    plan = plan_of(world.partnership, csv_file(GOOD), "csv")
    assert plan.ok
    first, second = plan.rows
    assert (str(first.period), first.value, first.target, first.illustrative) == (
        "Jan 2025",
        D(250),
        D(240),
        False,
    )
    assert (str(second.period), second.target, second.illustrative) == ("Q1 2025/26", None, True)


def test_lists_every_bad_row(world, indicators):
    text = (
        "Indicator,Period,Value,Target,Illustrative\n"
        "Robbery,2025-01,3,,\n"
        "ASB,Q1 2025/26,3,,\n"
        "Arrests,2025-01,3,,\n"
        "ASB,2025-02,-1,x,maybe\n"
        "ASB,2025-03,5,,\n"
        "ASB,2025-03,6,,\n"
    )
    plan = plan_of(world.partnership, csv_file(text), "csv")
    assert not plan.ok
    assert [(p.number, p.reason) for p in plan.problems] == [
        (2, "No indicator called “Robbery”."),
        (3, "“Q1 2025/26” is not a month; write it like 2024-01. ASB needs a month like 2025-01."),
        (
            4,
            "“2025-01” is not a quarter; write it like Q1 2024/25. "
            "Arrests needs a quarter like Q1 2025/26.",
        ),
        (
            5,
            "The value “-1” is not a number of 0 or more; the target “x” is not a number of 0 "
            "or more; write yes or no under Illustrative.",
        ),
        (7, "ASB Mar 2025 appears twice."),
    ]


def test_a_file_without_the_columns(world, indicators):
    with pytest.raises(SpreadsheetError, match="no Period, Value column"):
        plan_of(world.partnership, csv_file("Indicator,Amount\nASB,3\n"), "csv")
    with pytest.raises(SpreadsheetError, match="not be read as an Excel workbook"):
        plan_of(world.partnership, b"not a zip", "xlsx")


@pytest.mark.parametrize(
    "persona", ["anonymous", "admin", "coordinator", "officer", "member", "scrutiny", "outsider"]
)
def test_upload_page_per_persona(world, persona):
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    client = world.client_for(persona)
    assert client.get(url).status_code == expected_status(persona, MANAGERS)
    if persona not in MANAGERS:
        upload = SimpleUploadedFile("v.csv", csv_file(GOOD))
        assert client.post(url, {"file": upload}).status_code == expected_status(persona, MANAGERS)


def test_xlsx_preview_then_confirm_replaces_values(world, indicators):
    asb, _ = indicators
    month_value(asb, "2025-01", 999)
    client = world.client_for("coordinator")
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    content = xlsx_file(
        [
            ["Indicator", "Period", "Value", "Target", "Illustrative"],
            ["ASB", "2025-01", 250, 240, "no"],
            ["Arrests", "Q1 2025/26", 14, None, "yes"],
        ]
    )
    response = client.post(url, {"file": SimpleUploadedFile("values.xlsx", content)})
    assert response.status_code == 200
    preview = response.content.decode()
    assert "2 good rows" in preview and "Jan 2025" in preview
    assert IndicatorValue.objects.get(indicator=asb).value == 999  # nothing yet
    confirm_url = reverse("indicators:values-import-confirm", args=[world.partnership.slug])
    confirmed = client.post(confirm_url, {"token": response.context["token"]})
    assert confirmed.status_code == 302
    value = IndicatorValue.objects.get(indicator=asb)
    assert (value.value, value.target, value.entered_by) == (250, 240, world.coordinator.user)
    assert IndicatorValue.objects.get(indicator__name="Arrests", quarter=1).illustrative


def test_a_file_with_a_bad_row_stores_nothing(world, indicators):
    client = world.client_for("coordinator")
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    text = GOOD + "Robbery,2025-01,3,,\n"
    response = client.post(url, {"file": SimpleUploadedFile("values.csv", csv_file(text))})
    html = response.content.decode()
    assert "<title>Error: " in html and "Row 4: No indicator called “Robbery”." in html
    confirm_url = reverse("indicators:values-import-confirm", args=[world.partnership.slug])
    client.post(confirm_url, {"token": response.context["token"]})
    assert not IndicatorValue.objects.exists()


def test_upload_errors(world):
    client = world.client_for("coordinator")
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    html = client.post(url, {"file": SimpleUploadedFile("v.pdf", b"%PDF")}).content.decode()
    assert "<title>Error: " in html and "Upload a .csv or .xlsx file." in html
    html = client.post(url, {"file": SimpleUploadedFile("v.csv", b"")}).content.decode()
    assert "The submitted file is empty." in html


def test_a_value_larger_than_its_column_is_a_problem_of_its_row(world, indicators):
    text = (
        "Indicator,Period,Value,Target\n"
        "ASB,2025-01,100000000000000,\n"
        "ASB,2025-02,999999999999.99,1000000000000\n"
    )
    plan = plan_of(world.partnership, csv_file(text), "csv")
    largest = "must be 999,999,999,999.99 or less: that is the largest the database holds"
    assert [(p.number, p.reason) for p in plan.problems] == [
        (2, f"The value {largest}."),
        (3, f"The target {largest}."),
    ]


def test_the_preview_lists_200_problems_and_counts_the_rest(world, indicators):
    text = "Indicator,Period,Value\n" + "".join(f"Nope,2025-01,{n}\n" for n in range(230))
    client = world.client_for("coordinator")
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    response = client.post(url, {"file": SimpleUploadedFile("v.csv", csv_file(text))})
    html = response.content.decode()
    assert html.count("No indicator called “Nope”.") == 200
    assert "Row 201: No indicator" in html and "Row 202: No indicator" not in html
    assert "and 30 more rows with problems not listed here" in html


def test_the_upload_is_read_within_the_spreadsheet_caps(world, indicators, settings):
    settings.SPREADSHEET_MAX_ROWS = 1
    client = world.client_for("coordinator")
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    html = client.post(url, {"file": SimpleUploadedFile("v.csv", csv_file(GOOD))}).content
    assert "The file has more than 1 rows" in html.decode()
    settings.SPREADSHEET_MAX_BYTES = 10
    html = client.post(url, {"file": SimpleUploadedFile("v.csv", csv_file(GOOD))}).content
    assert "The file is larger than" in html.decode()
    assert not IndicatorValue.objects.exists()


def test_a_confirmation_takes_only_this_users_pending_upload(world, indicators):
    url = reverse("indicators:values-import", args=[world.partnership.slug])
    confirm_url = reverse("indicators:values-import-confirm", args=[world.partnership.slug])
    response = world.client_for("coordinator").post(
        url, {"file": SimpleUploadedFile("v.csv", csv_file(GOOD))}
    )
    token = {"token": response.context["token"]}
    assert world.client_for("admin").post(confirm_url, token).status_code == 302
    assert not IndicatorValue.objects.exists()
    assert world.client_for("coordinator").get(confirm_url).status_code == 405

"""Coordinators' pages: indicators, values, area and population, crime import. Every persona,
and the database after each POST."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Area, Indicator, IndicatorValue, PopulationEstimate
from tests.conftest import PERSONAS
from tests.indicators.crime_files import crime_csv, crime_row, crime_zip
from tests.indicators.factories import IndicatorFactory, month_value, quarter_value
from tests.indicators.test_reading_pages import expected_status

ALL = ["anonymous", *PERSONAS]
MANAGERS = {"admin", "coordinator"}


@pytest.fixture
def indicator(world):
    return IndicatorFactory(partnership=world.partnership, name="Knives seized", polarity="higher")


def _pages(world, indicator):
    slug = world.partnership.slug
    return [
        reverse("indicators:indicator-create", args=[slug]),
        reverse("indicators:indicator-edit", args=[slug, indicator.pk]),
        reverse("indicators:values-edit", args=[slug, indicator.pk, "2025-26"]),
        reverse("indicators:area-edit", args=[slug]),
        reverse("indicators:crime-import", args=[slug]),
    ]


@pytest.mark.parametrize("persona", ALL)
def test_manage_pages_per_persona(world, indicator, persona):
    client = world.client_for(persona)
    for url in _pages(world, indicator):
        assert client.get(url).status_code == expected_status(persona, MANAGERS), url
        if persona not in MANAGERS:
            assert client.post(url, {}).status_code == expected_status(persona, MANAGERS), url
    if persona in MANAGERS:
        assert client.put(_pages(world, indicator)[0]).status_code == 405
    assert Indicator.objects.count() == 1


def test_create_an_indicator(world):
    client = world.client_for("coordinator")
    response = client.post(
        reverse("indicators:indicator-create", args=[world.partnership.slug]),
        {
            "name": "Arrests",
            "unit": "count",
            "polarity": "higher",
            "frequency": "quarterly",
            "source": "Police",
            "green_within_percent": "0",
            "amber_within_percent": "10",
        },
    )
    created = Indicator.objects.get(name="Arrests")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.partnership == world.partnership
    assert created.amber_within_percent == D(10)


def test_indicator_form_errors_keep_what_was_typed(world, indicator):
    client = world.client_for("coordinator")
    response = client.post(
        reverse("indicators:indicator-create", args=[world.partnership.slug]),
        {
            "name": "Knives seized",  # taken
            "unit": "count",
            "polarity": "higher",
            "frequency": "monthly",
            "source": "Typed source",
            "green_within_percent": "8",
            "amber_within_percent": "5",  # below green
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert 'id="error-summary"' in html
    assert "already has an indicator of that name" in html
    assert "The amber threshold must be at least the green one" in html
    assert 'value="Typed source"' in html
    assert Indicator.objects.count() == 1


def test_frequency_is_fixed_once_values_exist(world, indicator):
    month_value(indicator, "2025-04", 3)
    client = world.client_for("coordinator")
    url = reverse("indicators:indicator-edit", args=[world.partnership.slug, indicator.pk])
    client.post(
        url,
        {
            "name": "Knives seized",
            "unit": "count",
            "polarity": "higher",
            "frequency": "quarterly",
            "green_within_percent": "0",
            "amber_within_percent": "5",
        },
    )
    indicator.refresh_from_db()
    assert indicator.frequency == "monthly"


def test_enter_values_for_a_year(world, indicator):
    month_value(indicator, "2025-05", 7)
    client = world.client_for("coordinator")
    url = reverse("indicators:values-edit", args=[world.partnership.slug, indicator.pk, "2025-26"])
    data = {f"p{n}-value": "" for n in range(12)}
    data |= {"p0-value": "4", "p0-target": "5", "p0-illustrative": "on", "p8-value": "2.5"}
    response = client.post(url, data)
    assert response.status_code == 302
    stored = {v.period.slug: v for v in indicator.values.all()}
    assert set(stored) == {"2025-04", "2025-12"}  # May's 7 was cleared
    assert stored["2025-04"].value == 4 and stored["2025-04"].target == 5
    assert stored["2025-04"].illustrative
    assert stored["2025-12"].quarter == 3
    assert stored["2025-04"].entered_by == world.coordinator.user


def test_values_errors_keep_what_was_typed(world, indicator):
    client = world.client_for("coordinator")
    url = reverse("indicators:values-edit", args=[world.partnership.slug, indicator.pk, "2025-26"])
    response = client.post(
        url, {"p0-value": "-3", "p1-value": "", "p1-target": "9", "p2-value": "12"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Apr 2025 value: Ensure this value is greater than or equal to 0." in html
    assert "May 2025 value: Enter the value too, or clear the target." in html
    assert 'value="-3"' in html and 'value="9"' in html and 'value="12"' in html
    assert not IndicatorValue.objects.exists()


def test_quarterly_values(world):
    arrests = IndicatorFactory(partnership=world.partnership, frequency="quarterly")
    quarter_value(arrests, "Q1 2025/26", 14)
    client = world.client_for("admin")
    url = reverse("indicators:values-edit", args=[world.partnership.slug, arrests.pk, "2025-26"])
    html = client.get(url).content.decode()
    assert 'name="p3-value"' in html and 'name="p4-value"' not in html
    client.post(url, {"p0-value": "14", "p1-value": "15", "p2-value": "14"})
    assert sorted((v.quarter, v.month, v.value) for v in arrests.values.all()) == [
        (1, None, 14),
        (2, None, 15),
        (3, None, 14),
    ]


def test_a_year_that_is_not_one_is_not_found(world, indicator):
    client = world.client_for("coordinator")
    url = reverse("indicators:values-edit", args=[world.partnership.slug, indicator.pk, "2025-27"])
    assert client.get(url).status_code == 404


def test_set_the_area_and_population(world):
    client = world.client_for("coordinator")
    url = reverse("indicators:area-edit", args=[world.partnership.slug])
    response = client.post(
        url,
        {"form": "area", "area-lsoa_name_prefix": "Stevenage", "area-lsoa_codes": "e01023700, "},
    )
    assert response.status_code == 302
    area = Area.objects.get(partnership=world.partnership)
    assert area.code_set == {"E01023700"}
    client.post(
        url, {"form": "population", "population-year": "2025/26", "population-population": "90000"}
    )
    client.post(
        url, {"form": "population", "population-year": "2025/26", "population-population": "91000"}
    )
    assert PopulationEstimate.objects.get(partnership=world.partnership).population == 91000


def test_area_errors(world):
    client = world.client_for("coordinator")
    url = reverse("indicators:area-edit", args=[world.partnership.slug])
    html = client.post(
        url, {"form": "area", "area-lsoa_name_prefix": "", "area-lsoa_codes": "E0102, Stevenage"}
    ).content.decode()
    assert "<title>Error: " in html
    assert "These are not LSOA codes" in html and "E0102" in html
    html = client.post(
        url, {"form": "area", "area-lsoa_name_prefix": "", "area-lsoa_codes": ""}
    ).content.decode()
    assert "an empty area holds no crime" in html
    html = client.post(
        url, {"form": "population", "population-year": "2025/27", "population-population": "0"}
    ).content.decode()
    assert "is not a financial year" in html
    assert not Area.objects.exists() and not PopulationEstimate.objects.exists()


def _upload(*files):
    return [SimpleUploadedFile(name, content, content_type="text/csv") for name, content in files]


def test_crime_import_preview_then_confirm(world):
    Area.objects.create(partnership=world.partnership, lsoa_name_prefix="Stevenage")
    client = world.client_for("coordinator")
    url = reverse("indicators:crime-import", args=[world.partnership.slug])
    jan = crime_csv(
        [
            crime_row("2024-01", "Burglary", "E01023700", "Stevenage 001A"),
            crime_row("2024-01", "Burglary", "E01023800", "North Hertfordshire 001A"),
            crime_row("2024-01", "Robbery", "", ""),
        ]
    )
    feb = crime_zip({"feb.csv": crime_csv([crime_row("2024-02", "Robbery", "X", "Stevenage 2")])})
    response = client.post(url, {"files": _upload(("jan.csv", jan), ("feb.zip", feb))})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "4 crimes, of which <strong>2 in the area</strong>, 1 outside it and 1 with no location"
        in html
    )
    assert "Jan 2024" in html and "Feb 2024" in html
    assert not IndicatorValue.objects.exists()  # nothing until confirmed
    confirm_url = reverse("indicators:crime-import-confirm", args=[world.partnership.slug])
    token = {"token": response.context["token"]}
    confirmed = client.post(confirm_url, token)
    assert confirmed.status_code == 302
    burglary = IndicatorValue.objects.get(indicator__police_crime_type="Burglary", month=1)
    assert burglary.value == 1
    assert IndicatorValue.objects.get(indicator__police_crime_type="All crime", month=2).value == 1
    # The token is used up.
    again = client.post(confirm_url, token)
    assert again.status_code == 302
    assert again["Location"] == url


def test_crime_import_bad_file_message_and_nothing_stored(world):
    Area.objects.create(partnership=world.partnership, lsoa_name_prefix="Stevenage")
    client = world.client_for("coordinator")
    url = reverse("indicators:crime-import", args=[world.partnership.slug])
    response = client.post(url, {"files": _upload(("people.csv", b"Name,Address\nA,B\n"))})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "people.csv is not a police.uk street-level crime file" in html
    assert "Nothing was imported" in html
    assert not Indicator.objects.exists()


def test_crime_import_asks_for_the_area_first(world):
    client = world.client_for("coordinator")
    url = reverse("indicators:crime-import", args=[world.partnership.slug])
    html = client.get(url).content.decode()
    assert "Set the partnership's area first" in html
    jan = crime_csv([crime_row("2024-01", "Burglary", "E01023700", "Stevenage 001A")])
    client.post(url, {"files": _upload(("jan.csv", jan))})
    assert not IndicatorValue.objects.exists()


def test_a_preview_token_of_another_partnership_is_refused(world):
    Area.objects.create(partnership=world.other_partnership, lsoa_name_prefix="Stevenage")
    outsider = world.client_for("outsider")
    jan = crime_csv([crime_row("2024-01", "Burglary", "E01023700", "Stevenage 001A")])
    response = outsider.post(
        reverse("indicators:crime-import", args=[world.other_partnership.slug]),
        {"files": _upload(("jan.csv", jan))},
    )
    token = {"token": response.context["token"]}
    url = reverse("indicators:crime-import-confirm", args=[world.partnership.slug])
    assert outsider.post(url, token).status_code == 404
    assert world.client_for("coordinator").post(url, token).status_code == 302


def test_a_value_larger_than_its_column_says_so(world, indicator):
    client = world.client_for("coordinator")
    url = reverse("indicators:values-edit", args=[world.partnership.slug, indicator.pk, "2025-26"])
    response = client.post(url, {"p0-value": "1000000000000", "p1-value": "1", "p1-target": "1e12"})
    html = response.content.decode()
    largest = "must be 999,999,999,999.99 or less: that is the largest the database holds."
    assert f"Apr 2025 value: The value {largest}" in html
    assert f"May 2025 target: The target {largest}" in html
    assert not IndicatorValue.objects.exists()


def test_crime_upload_over_the_cap_is_refused(world, settings):
    Area.objects.create(partnership=world.partnership, lsoa_name_prefix="Stevenage")
    jan = crime_csv([crime_row("2024-01", "Burglary", "E01023700", "Stevenage 001A")])
    settings.CRIME_UPLOAD_MAX_BYTES = len(jan) - 1
    url = reverse("indicators:crime-import", args=[world.partnership.slug])
    response = world.client_for("coordinator").post(url, {"files": _upload(("jan.csv", jan))})
    html = response.content.decode()
    assert "<title>Error: " in html and "jan.csv is larger than" in html
    assert "Nothing was imported" in html
    assert not IndicatorValue.objects.exists()

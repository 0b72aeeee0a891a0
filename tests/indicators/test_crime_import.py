"""police.uk street-level crime import: area filtering, no-location rows, re-import, bad files,
the command's summary, zips."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from indicators.models import ALL_CRIME, Area, Indicator, IndicatorValue
from indicators.police import AreaFilter, CrimeFileError, read_crime_files, upload_limits
from indicators.services import ImportRefused, crime_counts_store
from sosafe.periods import Month
from tests.indicators.crime_files import crime_csv, crime_row, crime_zip
from tests.indicators.factories import IndicatorFactory, month_value

IN_A, IN_B = ("E01023700", "Stevenage 001A"), ("E01023701", "Stevenage 002B")
OUTSIDE = ("E01023800", "North Hertfordshire 001A")
NEAR_NAME = ("E01099999", "Stevenageville 001A")  # starts with the prefix but not "Stevenage "


def january(extra=()):
    rows = [
        crime_row("2024-01", "Burglary", *IN_A),
        crime_row("2024-01", "Burglary", *IN_B),
        crime_row("2024-01", "Anti-social behaviour", *IN_A),
        crime_row("2024-01", "Anti-social behaviour", *IN_A),
        crime_row("2024-01", "Robbery", *OUTSIDE),
        crime_row("2024-01", "Robbery", *NEAR_NAME),
        crime_row("2024-01", "Vehicle crime", "", ""),  # no location
        crime_row("2024-01", "Violence and sexual offences", *IN_B),
        *extra,
    ]
    return crime_csv(rows)


@pytest.fixture
def area(world):
    return Area.objects.create(partnership=world.partnership, lsoa_name_prefix="Stevenage")


def values(partnership, month="2024-01"):
    m = Month.parse(month)
    return {
        v.indicator.police_crime_type: v.value
        for v in IndicatorValue.objects.filter(
            indicator__partnership=partnership, year=m.year, month=m.month
        ).select_related("indicator")
    }


def test_reader_filters_the_area_and_counts_what_it_leaves_out():
    counts = read_crime_files([("jan.csv", january())], AreaFilter(frozenset(), "Stevenage"))
    assert counts.rows == 8
    assert counts.outside_area == 2
    assert counts.no_location == 1
    assert counts.stored_rows == 5
    assert counts.counts_for(Month(2024, 1)) == {
        "Anti-social behaviour": 2,
        "Burglary": 2,
        "Robbery": 0,
        "Vehicle crime": 0,
        "Violence and sexual offences": 1,
        ALL_CRIME: 3,
    }


def test_area_by_lsoa_codes():
    counts = read_crime_files([("jan.csv", january())], AreaFilter(frozenset({"E01023800"})))
    assert counts.counts_for(Month(2024, 1))["Robbery"] == 1
    assert counts.counts_for(Month(2024, 1))["Burglary"] == 0
    assert counts.outside_area == 6


def test_import_stores_counts_per_type_and_all_crime(world, area):
    counts = read_crime_files([("jan.csv", january())], AreaFilter.of(area))
    crime_counts_store(partnership=world.partnership, counts=counts)
    stored = values(world.partnership)
    assert stored == {
        "Anti-social behaviour": Decimal(2),
        "Burglary": Decimal(2),
        "Robbery": Decimal(0),
        "Vehicle crime": Decimal(0),
        "Violence and sexual offences": Decimal(1),
        ALL_CRIME: Decimal(3),
    }
    burglary = Indicator.objects.get(partnership=world.partnership, police_crime_type="Burglary")
    assert burglary.is_monthly and burglary.unit == "count" and burglary.polarity == "lower"
    value = burglary.values.get()
    assert (value.year.start_year, value.quarter, value.month) == (2023, 4, 1)


def test_reimporting_a_month_replaces_it_and_keeps_targets(world, area):
    first = read_crime_files([("jan.csv", january())], AreaFilter.of(area))
    crime_counts_store(partnership=world.partnership, counts=first)
    IndicatorValue.objects.filter(indicator__police_crime_type="Burglary").update(target=5)
    again = crime_csv([crime_row("2024-01", "Burglary", *IN_A)])
    counts = read_crime_files([("jan-v2.csv", again)], AreaFilter.of(area))
    crime_counts_store(partnership=world.partnership, counts=counts)
    stored = values(world.partnership)
    assert stored["Burglary"] == 1
    assert stored["Anti-social behaviour"] == 0  # nothing of it in the new file
    assert stored[ALL_CRIME] == 1
    assert IndicatorValue.objects.filter(indicator__police_crime_type="Burglary").count() == 1
    assert IndicatorValue.objects.get(indicator__police_crime_type="Burglary").target == 5


def test_other_months_are_left_alone(world, area):
    crime_counts_store(
        partnership=world.partnership,
        counts=read_crime_files([("jan.csv", january())], AreaFilter.of(area)),
    )
    february = crime_csv([crime_row("2024-02", "Burglary", *IN_A)])
    crime_counts_store(
        partnership=world.partnership,
        counts=read_crime_files([("feb.csv", february)], AreaFilter.of(area)),
    )
    assert values(world.partnership)["Burglary"] == 2
    assert values(world.partnership, "2024-02")["Burglary"] == 1


def test_an_indicator_of_the_same_name_is_not_taken_over(world, area):
    own = IndicatorFactory(partnership=world.partnership, name="Burglary")
    month_value(own, "2024-01", 99)
    counts = read_crime_files([("jan.csv", january())], AreaFilter.of(area))
    crime_counts_store(partnership=world.partnership, counts=counts)
    assert own.values.get().value == 99
    police = Indicator.objects.get(partnership=world.partnership, police_crime_type="Burglary")
    assert police.name == "Burglary (police.uk)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", r"not a text \(CSV\) file"),
        (crime_csv([], header=["Name", "Address"]), "no 'Month', 'LSOA code'"),
        (
            crime_csv([crime_row("January", "Burglary", *IN_A)]),
            "bad.csv, line 2: “January” is not a month",
        ),
        (crime_csv([crime_row("2024-01", "", *IN_A)]), "line 2: the crime type is empty"),
        (crime_csv([["2024-01", "x"]]), "line 2: the row has too few columns"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(content, message):
    with pytest.raises(CrimeFileError, match=message):
        read_crime_files([("bad.csv", content)], AreaFilter(frozenset(), "Stevenage"))


def test_a_malformed_file_among_good_ones_stores_nothing(world, area, tmp_path):
    good, bad = tmp_path / "jan.csv", tmp_path / "bad.csv"
    good.write_bytes(january())
    bad.write_bytes(crime_csv([crime_row("2024-13", "Burglary", *IN_A)]))
    with pytest.raises(CommandError, match="bad.csv, line 2.*Nothing was imported"):
        call_command("import_crime_data", world.partnership.slug, str(good), str(bad))
    assert not IndicatorValue.objects.exists()
    assert not Indicator.objects.exists()


def test_a_zip_of_files(world, area):
    february = crime_csv([crime_row("2024-02", "Robbery", *IN_A)])
    archive = crime_zip({"2024-01/jan.csv": january(), "2024-02/feb.csv": february})
    counts = read_crime_files([("download.zip", archive)], AreaFilter.of(area))
    assert counts.months == [Month(2024, 1), Month(2024, 2)]
    assert counts.files == ["download.zip: 2024-01/jan.csv", "download.zip: 2024-02/feb.csv"]
    with pytest.raises(CrimeFileError, match="no .csv file"):
        read_crime_files([("empty.zip", crime_zip({"readme.txt": b"hi"}))], AreaFilter.of(area))


def test_no_area_no_import(world):
    counts = read_crime_files([("jan.csv", january())], AreaFilter(frozenset(), "Stevenage"))
    with pytest.raises(ImportRefused, match="Set the partnership's area"):
        crime_counts_store(partnership=world.partnership, counts=counts)


def test_the_command_prints_what_it_stored_per_month(world, area, tmp_path):
    jan = tmp_path / "2024-01-hertfordshire-street.csv"
    jan.write_bytes(january())
    feb = tmp_path / "feb.zip"
    feb.write_bytes(crime_zip({"feb.csv": crime_csv([crime_row("2024-02", "Robbery", *IN_A)])}))
    out = io.StringIO()
    call_command("import_crime_data", world.partnership.slug, str(jan), str(feb), stdout=out)
    text = out.getvalue()
    assert "Read 9 crimes in 2 file(s): 6 in the area, 2 outside it, 1 with no location" in text
    january_block = text.split("2024-01 (Jan 2024):\n", 1)[1].split("2024-02", 1)[0]
    assert january_block.splitlines()[:3] == [
        f"  {ALL_CRIME}: 3",
        "  Anti-social behaviour: 2",
        "  Burglary: 2",
    ]
    february_block = text.split("2024-02 (Feb 2024):\n", 1)[1]
    assert "  Robbery: 1" in february_block
    assert f"  {ALL_CRIME}: 1" in february_block
    assert "Stored 2 month(s)" in text
    assert values(world.partnership, "2024-02")["Robbery"] == 1


def test_the_command_refuses_without_area_or_partnership(world, tmp_path):
    jan = tmp_path / "jan.csv"
    jan.write_bytes(january())
    with pytest.raises(CommandError, match="has no area yet"):
        call_command("import_crime_data", world.partnership.slug, str(jan))
    with pytest.raises(CommandError, match="no partnership 'nowhere'"):
        call_command("import_crime_data", "nowhere", str(jan))


def test_uploads_are_read_within_the_crime_upload_caps(settings):
    area = AreaFilter(frozenset(), "Stevenage")

    def read(*uploads):
        return read_crime_files(list(uploads), area, limits=upload_limits())

    settings.CRIME_UPLOAD_MAX_BYTES = len(january()) - 1
    with pytest.raises(CrimeFileError, match="jan.csv is larger than .*: upload it zipped"):
        read(("jan.csv", january()))
    assert read_crime_files([("jan.csv", january())], area).rows  # the command: no caps
    settings.CRIME_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    settings.CRIME_UPLOAD_MAX_UNPACKED_BYTES = 2 * len(january()) - 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("a.csv", january())
        packed.writestr("b.csv", january())
    archive = out.getvalue()
    assert len(archive) < settings.CRIME_UPLOAD_MAX_UNPACKED_BYTES  # small packed, big unpacked
    with pytest.raises(CrimeFileError, match="big.zip unpacks to more than"):
        read(("big.zip", archive))
    settings.CRIME_UPLOAD_MAX_UNPACKED_BYTES = 2 * len(january())
    assert read(("ok.zip", archive)).rows == 2 * read(("jan.csv", january())).rows

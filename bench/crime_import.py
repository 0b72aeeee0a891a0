"""Time the police.uk crime import on a generated county file of 20,000 rows a month.

A section of bench/run.py, on the bench's own database: writes street-level CSV files in
police.uk's layout (a county of 600 LSOAs, a tenth of them in the partnership's area, 1% of
rows with no location) and prints how long reading and storing 1 and 12 months takes (first
import, then again, which replaces the months), and how many values were stored.
"""

import io
import random
import tempfile
import time
from pathlib import Path

CRIME_TYPES = [
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
]
DISTRICTS = [
    "Stevenage",
    "North Hertfordshire",
    "East Hertfordshire",
    "Welwyn Hatfield",
    "St Albans",
    "Dacorum",
    "Hertsmere",
    "Three Rivers",
    "Watford",
    "Broxbourne",
]


def write_month(folder: Path, month, rows: int, rng: random.Random) -> Path:
    lsoas = [
        (f"E0102{3000 + d * 60 + n:04d}", f"{district} {n + 1:03d}A")
        for d, district in enumerate(DISTRICTS)
        for n in range(60)
    ]
    from indicators.police import COLUMNS

    path = folder / f"{month.slug}-hertfordshire-street.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(COLUMNS) + "\r\n")
        for n in range(rows):
            crime_type = rng.choice(CRIME_TYPES)
            code, name = ("", "") if rng.random() < 0.01 else rng.choice(lsoas)
            out.write(
                f"{n:064x},{month.slug},Hertfordshire Constabulary,Hertfordshire Constabulary,"
                f"-0.2,51.9,On or near High Street,{code},{name},{crime_type},"
                "Under investigation,\r\n"
            )
    return path


def run(out=print, rows: int = 20000, months: tuple[int, ...] = (1, 12)) -> None:
    from django.core.management import call_command

    from indicators.models import Area, IndicatorValue
    from sosafe.models import Partnership
    from sosafe.periods import Month

    rng = random.Random(2024)
    partnership = Partnership.objects.create(
        name="Bench crime import CSP", short_name="BC", slug="bench-crime"
    )
    Area.objects.create(partnership=partnership, lsoa_name_prefix="Stevenage")
    try:
        with tempfile.TemporaryDirectory() as folder:
            first = Month(2024, 4)
            files = [
                write_month(Path(folder), first.plus(n), rows, rng) for n in range(max(months))
            ]
            out(f"police.uk import, {rows:,} rows a month (county file)")
            for count in months:
                for attempt in ("first import", "re-import"):
                    started = time.perf_counter()
                    call_command(
                        "import_crime_data",
                        "bench-crime",
                        *map(str, files[:count]),
                        stdout=io.StringIO(),
                    )
                    seconds = time.perf_counter() - started
                    values = IndicatorValue.objects.filter(indicator__partnership=partnership)
                    out(
                        f"  {count:>2} month(s), {count * rows:>7,} rows, {attempt:<12}: "
                        f"{seconds:6.2f} s  ({values.count()} values stored in all)"
                    )
    finally:
        partnership.delete()

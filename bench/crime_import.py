"""Time the police.uk crime import on a generated county file of 20,000 rows a month.

    .venv/bin/python bench/crime_import.py [--rows 20000] [--months 1 12]

Writes street-level CSV files in police.uk's layout (a county of 600 LSOAs, a tenth of them
in the partnership's area, 1% of rows with no location), builds a throwaway test database
(SQLite in memory, or DATABASE_URL's server with a test_ prefix) and prints how long reading and
storing 1 and 12 months takes, and how many values were stored.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from indicators.models import Area, IndicatorValue  # noqa: E402
from indicators.police import COLUMNS  # noqa: E402
from sosafe.models import Partnership  # noqa: E402
from sosafe.periods import Month  # noqa: E402

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


def write_month(folder: Path, month: Month, rows: int, rng: random.Random) -> Path:
    lsoas = [
        (f"E0102{3000 + d * 60 + n:04d}", f"{district} {n + 1:03d}A")
        for d, district in enumerate(DISTRICTS)
        for n in range(60)
    ]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--months", type=int, nargs="+", default=[1, 12])
    args = parser.parse_args()
    rng = random.Random(2024)
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        partnership = Partnership.objects.create(name="Bench CSP", short_name="B", slug="bench")
        Area.objects.create(partnership=partnership, lsoa_name_prefix="Stevenage")
        with tempfile.TemporaryDirectory() as folder:
            first = Month(2024, 4)
            files = [
                write_month(Path(folder), first.plus(n), args.rows, rng)
                for n in range(max(args.months))
            ]
            print(
                f"police.uk import, {args.rows:,} rows a month (county file), {connection_name()}"
            )
            for months in args.months:
                for attempt in ("first import", "re-import"):
                    started = time.perf_counter()
                    call_command(
                        "import_crime_data",
                        "bench",
                        *map(str, files[:months]),
                        stdout=io.StringIO(),
                    )
                    seconds = time.perf_counter() - started
                    values = IndicatorValue.objects.filter(indicator__partnership=partnership)
                    print(
                        f"  {months:>2} month(s), {months * args.rows:>7,} rows, {attempt:<12}: "
                        f"{seconds:6.2f} s  ({values.count()} values stored in all)"
                    )
    finally:
        teardown_databases(old, verbosity=0)


def connection_name() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()

"""Build police.uk street-level files in the published layout, for tests and the bench."""

import csv
import io
import zipfile

from indicators.police import COLUMNS


def crime_row(month: str, crime_type: str, lsoa_code: str, lsoa_name: str, n: int = 0) -> list:
    located = bool(lsoa_code or lsoa_name)
    return [
        f"{n:064x}" if crime_type != "Anti-social behaviour" else "",
        month,
        "Hertfordshire Constabulary",
        "Hertfordshire Constabulary",
        "-0.2" if located else "",
        "51.9" if located else "",
        "On or near High Street" if located else "No Location",
        lsoa_code,
        lsoa_name,
        crime_type,
        "Under investigation" if crime_type != "Anti-social behaviour" else "",
        "",
    ]


def crime_csv(rows: list[list], header=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def crime_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()

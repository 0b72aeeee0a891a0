"""Read police.uk street-level crime files into counts per crime type per month for an area.

police.uk publishes one CSV per force per month (e.g. 2024-01-hertfordshire-street.csv) with the
columns below; downloads come as many files or a zip of them. Only counts leave this module:
no row is kept. Rows outside the area and rows with no location are counted, not used.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from indicators.models import ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR, parse_lsoa_codes
from sosafe.periods import Month, PeriodError
from sosafe.spreadsheets.reading import Limits, megabytes

COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
NEEDED = ("Month", "LSOA code", "LSOA name", "Crime type")


class CrimeFileError(ValueError):
    """A file that is not a police.uk street-level crime file, with what is wrong and where."""


@dataclass(frozen=True)
class AreaFilter:
    """Which LSOAs are in the partnership's area: listed codes, or names starting with the
    prefix and a space (or equal to it)."""

    codes: frozenset[str]
    prefix: str = ""

    @classmethod
    def of(cls, area) -> AreaFilter:
        return cls(parse_lsoa_codes(area.lsoa_codes), area.lsoa_name_prefix.strip())

    def contains(self, code: str, name: str) -> bool:
        if code.upper() in self.codes:
            return True
        if not self.prefix:
            return False
        return name == self.prefix or name.startswith(self.prefix + " ")


@dataclass
class CrimeCounts:
    """What a set of files held: counts in the area by month and crime type, and what was left
    out. ``types`` is every crime type seen anywhere in the files, so that a type with no crime
    in the area that month is stored as 0."""

    files: list[str] = field(default_factory=list)
    by_month: dict[Month, Counter] = field(default_factory=dict)
    types: set[str] = field(default_factory=set)
    rows: int = 0
    outside_area: int = 0
    no_location: int = 0

    @property
    def months(self) -> list[Month]:
        return sorted(self.by_month)

    @property
    def stored_rows(self) -> int:
        return self.rows - self.outside_area - self.no_location

    def counts_for(self, month: Month) -> dict[str, int]:
        """Every crime type seen, with "All crime" (all but anti-social behaviour), for one
        month: the figures stored as indicator values."""
        counter = self.by_month.get(month, Counter())
        counts = {crime_type: counter.get(crime_type, 0) for crime_type in sorted(self.types)}
        counts[ALL_CRIME] = sum(n for t, n in counts.items() if t != ANTI_SOCIAL_BEHAVIOUR)
        return counts

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "by_month": {m.slug: dict(c) for m, c in self.by_month.items()},
            "types": sorted(self.types),
            "rows": self.rows,
            "outside_area": self.outside_area,
            "no_location": self.no_location,
        }

    @classmethod
    def from_json(cls, data: dict) -> CrimeCounts:
        return cls(
            files=list(data["files"]),
            by_month={Month.parse(m): Counter(c) for m, c in data["by_month"].items()},
            types=set(data["types"]),
            rows=data["rows"],
            outside_area=data["outside_area"],
            no_location=data["no_location"],
        )


def upload_limits() -> Limits:
    """The caps on crime files uploaded in the browser. police.uk files are larger than the
    spreadsheets people fill in (a county's month is ~5 MB), so they have caps of their own."""
    return Limits(
        max_bytes=settings.CRIME_UPLOAD_MAX_BYTES,
        max_rows=0,
        max_unpacked_bytes=settings.CRIME_UPLOAD_MAX_UNPACKED_BYTES,
    )


def too_large(name: str, limits: Limits) -> str:
    return (
        f"{name} is larger than {megabytes(limits.max_bytes)}: upload it zipped, or ask an "
        "administrator to import it with manage.py import_crime_data."
    )


def _csv_members(name: str, content: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    """The CSV files in an upload: the file itself, or each .csv inside a zip, within the
    spreadsheet caps (the upload's size; a zip's unpacked size, counted as it is unpacked)."""
    if len(content) > limits.max_bytes:
        raise CrimeFileError(too_large(name, limits))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return [(name, content)]
    too_big = CrimeFileError(
        f"{name} unpacks to more than {megabytes(limits.max_unpacked_bytes)}; "
        "import it in smaller zips."
    )
    members, unpacked = [], 0
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith(".csv"):
                    continue
                unpacked += info.file_size
                if unpacked > limits.max_unpacked_bytes:
                    raise too_big
                with archive.open(info) as member:  # the header's size may lie: read at most
                    room = limits.max_unpacked_bytes - (unpacked - info.file_size)
                    data = member.read(min(room, sys.maxsize - 1) + 1)
                unpacked += len(data) - info.file_size
                if unpacked > limits.max_unpacked_bytes:
                    raise too_big
                members.append((f"{name}: {info.filename}", data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise CrimeFileError(f"{name} is not a zip file that can be opened ({exc}).") from exc
    if not members:
        raise CrimeFileError(f"{name} is a zip file with no .csv file in it.")
    return members


def _read_one(name: str, content: bytes, area: AreaFilter, counts: CrimeCounts) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CrimeFileError(
            f"{name} is not a text (CSV) file in UTF-8: is it a police.uk street-level file?"
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise CrimeFileError(f"{name} is empty.")
    header = [column.strip() for column in header]
    missing = [column for column in NEEDED if column not in header]
    if missing:
        raise CrimeFileError(
            f"{name} is not a police.uk street-level crime file: it has no "
            f"{', '.join(repr(c) for c in missing)} column. Its columns should be "
            f"{', '.join(COLUMNS)}."
        )
    at = {column: header.index(column) for column in NEEDED}
    month_at, code_at, name_at, type_at = (at[c] for c in NEEDED)
    width = max(at.values()) + 1
    seen_months: dict[str, Month] = {}
    inside: dict[tuple[str, str], bool] = {}
    for line, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            raise CrimeFileError(f"{name}, line {line}: the row has too few columns.")
        month_text = row[month_at].strip()
        month = seen_months.get(month_text)
        if month is None:
            try:
                month = seen_months[month_text] = Month.parse(month_text)
            except PeriodError as exc:
                raise CrimeFileError(f"{name}, line {line}: {exc}") from exc
        crime_type = row[type_at].strip()
        if not crime_type:
            raise CrimeFileError(f"{name}, line {line}: the crime type is empty.")
        counts.rows += 1
        counts.types.add(crime_type)
        code, lsoa = row[code_at].strip(), row[name_at].strip()
        if not code and not lsoa:
            counts.no_location += 1
            continue
        key = (code, lsoa)
        if key not in inside:
            inside[key] = area.contains(code, lsoa)
        if not inside[key]:
            counts.outside_area += 1
            continue
        counts.by_month.setdefault(month, Counter())[crime_type] += 1
    counts.files.append(name)


def read_crime_files(
    uploads: list[tuple[str, bytes]], area: AreaFilter, *, limits: Limits | None = None
) -> CrimeCounts:
    """Count the crimes in ``uploads`` (name, content: CSV files or zips of them) by month and
    type for ``area``. Raises CrimeFileError, naming the file and line, if any file is not
    a police.uk street-level file or is over ``limits``: then nothing is counted.

    Uploads pass the crime upload caps (``upload_limits()``): each file's size and a zip's
    unpacked size. None reads without caps: the command, for an administrator's own files (a
    county's month is often more than the upload cap)."""
    counts = CrimeCounts()
    limits = limits or Limits(max_bytes=sys.maxsize, max_rows=0, max_unpacked_bytes=sys.maxsize)
    for name, content in uploads:
        for member, data in _csv_members(name, content, limits):
            _read_one(member, data, area, counts)
    if not counts.rows:
        raise CrimeFileError("The files hold no crimes: nothing to import.")
    return counts

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators import services
from indicators.models import Area
from indicators.police import AreaFilter, CrimeFileError, read_crime_files
from sosafe.models import Partnership


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime files (CSV, or zips of them) for a partnership: "
        "counts per crime type per month in its area become indicator values."
    )

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug, e.g. sosafe.")
        parser.add_argument("files", nargs="+", help="CSV or zip files from police.uk.")

    def handle(self, *args, partnership: str, files: list[str], **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"There is no partnership '{partnership}'.")
        area = Area.objects.filter(partnership=found).first()
        if area is None or not area.is_defined:
            raise CommandError(
                f"{found} has no area yet: set its LSOA name prefix or codes first "
                "(Indicators → Area and population)."
            )
        uploads = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file. Nothing was imported.")
            uploads.append((path.name, path.read_bytes()))
        try:
            counts = read_crime_files(uploads, AreaFilter.of(area))
            stored = services.crime_counts_store(partnership=found, counts=counts)
        except (CrimeFileError, services.ImportRefused) as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        self.stdout.write(
            f"Read {counts.rows} crimes in {len(counts.files)} file(s): "
            f"{counts.stored_rows} in the area, {counts.outside_area} outside it, "
            f"{counts.no_location} with no location (counted, not stored)."
        )
        for month in stored:
            self.stdout.write(f"{month.month.slug} ({month.month}):")
            for crime_type, count in month.counts:
                self.stdout.write(f"  {crime_type}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Stored {len(stored)} month(s) for {found}."))

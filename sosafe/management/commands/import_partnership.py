from django.core.management.base import BaseCommand, CommandError

from sosafe.backup import BackupError, import_partnership


class Command(BaseCommand):
    help = (
        "Restore a partnership written by export_partnership into a database that does not "
        "hold it (a new, migrated database). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The zip file export_partnership wrote.")

    def handle(self, *args, file: str, **options):
        try:
            counts = import_partnership(file)
        except BackupError as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        for label, count in counts.items():
            self.stdout.write(f"  {label:<45} {count:>7}")
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} rows from {file}."))

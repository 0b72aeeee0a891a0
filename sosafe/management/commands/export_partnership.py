from django.core.management.base import BaseCommand, CommandError

from sosafe.backup import BackupError, export_partnership


class Command(BaseCommand):
    help = (
        "Write one partnership (every row that belongs to it, its history, its members' "
        "accounts and its stored files) to a zip file that import_partnership restores."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The partnership's short address name, e.g. sosafe.")
        parser.add_argument("file", help="The zip file to write.")

    def handle(self, *args, slug: str, file: str, **options):
        try:
            counts = export_partnership(slug, file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for label, count in counts.items():
            self.stdout.write(f"  {label:<45} {count:>7}")
        self.stdout.write(
            self.style.SUCCESS(f"Wrote '{slug}' to {file}: {sum(counts.values())} rows.")
        )

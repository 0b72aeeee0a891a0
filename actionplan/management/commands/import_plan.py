"""Import a year's whole action plan from an appendix-style workbook (CSV or XLSX).

    manage.py import_plan sosafe 2018/19 plan.xlsx --dry-run
    manage.py import_plan sosafe 2018/19 plan.xlsx --create-organisations

Prints what would be created (counts, the themes and aims, unknown organisations, every
problem by sheet and row); exits with status 1 and stores nothing when the plan cannot be
applied (problems, or names that are not organisations without --create-organisations);
applies it in one transaction otherwise, unless --dry-run.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actionplan.plan_import.resolve import NEW, plan_preview, undecided_problems
from actionplan.plan_import.services import plan_import_apply
from sosafe.models import Partnership
from sosafe.periods import FinancialYear, PeriodError
from sosafe.spreadsheets import SpreadsheetError, read_sheets
from sosafe.spreadsheets.reading import file_format


class Command(BaseCommand):
    help = (
        "Import a year's action plan from a CSV or XLSX file laid out as the committee "
        "paper's appendix: prints the preview, then applies it (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug, e.g. sosafe.")
        parser.add_argument("year", help="The plan's financial year, e.g. 2018/19.")
        parser.add_argument("file", help="The plan as .xlsx or .csv.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and print; store nothing."
        )
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="Create every name that is not one of the partnership's organisations as a "
            "new organisation (without it such names stop the import).",
        )

    def handle(self, *args, partnership, year, file, dry_run, create_organisations, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"There is no partnership '{partnership}'.")
        try:
            year = FinancialYear.parse(year)
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"{file}: no such file. Nothing was imported.")
            sheets = read_sheets(path.read_bytes(), file_format(path.name))
        except (PeriodError, SpreadsheetError) as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        decisions = {"*": NEW} if create_organisations else {}
        with transaction.atomic():
            preview = plan_preview(found, year, sheets, decisions=decisions)
            self.report(preview)
            if not preview.ok:
                problems = len(preview.problems) + len(preview.undecided)
                raise CommandError(
                    f"The plan cannot be imported ({problems} to fix). Nothing was imported."
                )
            if dry_run:
                self.stdout.write(self.style.SUCCESS("Dry run: the plan can be imported."))
                return
            plan = plan_import_apply(partnership=found, preview=preview)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {plan} for {found}: {preview.row_count} actions.")
        )

    def report(self, preview) -> None:
        out = self.stdout.write
        target = f"fills the empty draft '{preview.plan}'" if preview.plan else "a new draft plan"
        out(
            f"{preview.year}: {len(preview.themes)} themes, {preview.aim_count} aims, "
            f"{preview.row_count} actions ({target})."
        )
        for theme in preview.themes:
            out(f"{theme.number}. {theme.title}")
            for aim in theme.aims:
                count = len(aim.actions)
                out(f"  {aim.ref} {aim.text[:70]} ({count} action{'s' if count != 1 else ''})")
        if preview.unknown:
            out("Names that are not the partnership's organisations:")
            for unknown in preview.unknown:
                will = "will be created" if unknown.decision == NEW else "not decided"
                out(f"  {unknown.name} ({will}): {unknown.rows}")
        order = {title: n for n, title in enumerate(preview.layout.plan_sheets)}
        problems = sorted(
            preview.problems + undecided_problems(preview),
            key=lambda p: (p.number != 0, order.get(p.sheet, 0), p.number),
        )
        if problems:
            out("Problems:")
            for problem in problems:
                out(f"  {problem.where}: {problem.reason}")

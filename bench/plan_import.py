"""Time the action plan import on a generated 1,000-action plan laid out as the appendix.

    .venv/bin/python bench/plan_import.py [--themes 10] [--aims 20] [--actions 5]

Builds the workbook in memory (theme headings, the column headings under each theme, each aim
merged down over its actions, leads run together, partners space-separated, three outcomes per
action, a glossary sheet) and its CSV twin, on a throwaway test database (SQLite in memory, or
DATABASE_URL's server with a test_ prefix), and prints how long reading and previewing takes,
and applying (planning again and creating it all in one transaction, as the confirmation does).
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from openpyxl import Workbook  # noqa: E402

from actionplan.appendix import COLUMNS  # noqa: E402
from actionplan.models import Action, ExpectedOutcome  # noqa: E402
from actionplan.plan_import.resolve import plan_preview  # noqa: E402
from actionplan.plan_import.services import plan_import_apply  # noqa: E402
from sosafe.models import Group, Organisation, Partnership  # noqa: E402
from sosafe.periods import FinancialYear  # noqa: E402
from sosafe.spreadsheets import read_sheets  # noqa: E402

ORGANISATIONS = [f"ORG{n}" for n in range(30)] + ["Youth Connexions", "Child UK", "The Haven"]


def plan_rows(themes: int, aims: int, actions: int) -> tuple[list[list[str]], list[str]]:
    rows: list[list[str]] = [["Action plan (generated)"], ["An introduction."]]
    merges = []
    n = 0
    for theme in range(1, themes + 1):
        rows += [[f"{theme}. Theme number {theme}"], [*COLUMNS, "Status"]]
        for aim in range(1, aims + 1):
            first = len(rows) + 1
            for index in range(actions):
                n += 1
                lead_a, lead_b = ORGANISATIONS[n % 33], ORGANISATIONS[(n + 7) % 33]
                partners = " ".join(ORGANISATIONS[(n + k * 5) % 33] for k in range(1, 5))
                rows.append(
                    [
                        f"{theme}.{aim} Aim {aim} of theme {theme}, to reduce harm."
                        if index == 0
                        else "",
                        f"{'abcdefghij'[index]}) Action number {n}: work together on it.",
                        f"{lead_a} (Community Safety Manager) {lead_b} (Inspector)",
                        f"{partners} JAG",
                        "Existing staff / resources.",
                        f"{n % 9 + 1} sessions delivered.\nPositive feedback received.\n"
                        "Referrals made to appropriate services.",
                        "Progress so far, reported in the portal.",
                        "On track",
                    ]
                )
            merges.append(f"A{first}:A{len(rows)}")
    return rows, merges


def xlsx(rows, merges) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Appendix A"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.create_sheet("Glossary").append(["JAG", "Joint Action Group"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def timed(step):
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=int, default=10)
    parser.add_argument("--aims", type=int, default=20)
    parser.add_argument("--actions", type=int, default=5, help="actions per aim (at most 10)")
    args = parser.parse_args()
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        partnership = Partnership.objects.create(name="Bench CSP", short_name="B", slug="bench")
        Organisation.objects.bulk_create(
            Organisation(partnership=partnership, name=f"{name} (bench)", short_name=name)
            for name in ORGANISATIONS
        )
        Group.objects.create(partnership=partnership, name="Joint Action Group", short_name="JAG")
        rows, merges = plan_rows(args.themes, args.aims, args.actions)
        files = {"xlsx": xlsx(rows, merges), "csv": csv_bytes(rows)}
        total = args.themes * args.aims * args.actions
        print(f"Plan import, {total:,} actions ({connection.vendor})")
        with override_settings(SPREADSHEET_MAX_BYTES=64 * 1024 * 1024):
            for number, (fmt, content) in enumerate(files.items()):
                year = FinancialYear(2030 + number)

                def preview(content=content, fmt=fmt, year=year):
                    return plan_preview(partnership, year, read_sheets(content, fmt))

                checked, seconds = timed(preview)
                assert checked.ok, checked.problems[:3]
                print(
                    f"  {fmt:<4} {len(content) / 1024:7.0f} KB  read and preview: {seconds:6.2f} s"
                    f"  ({checked.row_count} actions, {len(checked.problems)} problems)"
                )

                def apply(preview=preview):
                    with transaction.atomic():
                        return plan_import_apply(partnership=partnership, preview=preview())

                plan, seconds = timed(apply)
                actions = Action.objects.filter(aim__theme__plan=plan).count()
                outcomes = ExpectedOutcome.objects.filter(action__aim__theme__plan=plan).count()
                print(
                    f"  {fmt:<4} {'':>10} read, preview again and apply: {seconds:6.2f} s"
                    f"  ({actions} actions, {outcomes} outcomes stored)"
                )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()

"""The portal's benchmark: page times, query counts and sizes on generated data, DEBUG off.

    python bench/run.py [--years 1 10] [--repeat 20] [--warmup 3] [--database-url URL]
                        [--only PAGE] [--no-extras | --skip papers crime plan_import] [--keep]

It creates a database of its own (bench/database.py: PostgreSQL ``sosafe_bench`` on 127.0.0.1
if a server answers, else SQLite in a temporary folder; BENCH_DATABASE_URL or --database-url
to choose; never DATABASE_URL's), runs the portal's production settings in process (DEBUG off,
the real password hasher and storage; bench/settings.py), and for each number of years
generates the data (bench/generate.py) and prints each main page's table (bench/pages.py).
Then, on the largest data, the extra sections: the scrutiny paper's PDF (bench/papers.py), the
police.uk import (bench/crime_import.py) and, when it is there, the plan workbook import
(bench/plan_import.py, run in a process of its own on the bench database). The database is
dropped at the end (--keep leaves it, to look at or to run bench/loadtest.py --reuse against).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import database  # noqa: E402
from bench.environment import collect_static, load_average, production_like  # noqa: E402

# Sections that run in a process of their own on the bench database, when their file exists:
# each module's main() is called with the bench's environment (DATABASE_URL is the bench's).
SEPARATE_SECTIONS = ["bench.plan_import"]


def setup_django(url: str) -> dict:
    """Point this process at the bench database with production settings, and set Django up."""
    environment = production_like(url)
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    collect_static(environment)
    return environment


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="default: BENCH_DATABASE_URL")
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    parser.add_argument("--no-extras", action="store_true", help="page tables only")
    parser.add_argument(
        "--skip",
        nargs="+",
        default=[],
        choices=["papers", "crime", *(m.rsplit(".", 1)[-1] for m in SEPARATE_SECTIONS)],
        help="extra sections to leave out",
    )
    parser.add_argument("--keep", action="store_true", help="leave the database afterwards")
    args = parser.parse_args(argv)

    original = dict(os.environ)
    url = database.choose(original, args.database_url)
    print(f"SoSafe bench on {database.describe(url)}, DEBUG off; {load_average()}")
    database.recreate(url)
    try:
        environment = setup_django(url)
        from django.conf import settings

        assert not settings.DEBUG
        for years in args.years:
            generated = fill(years)
            print(
                f"\n== {years} year(s) of history: pages, {args.warmup} warm-up + {args.repeat} "
                f"timed requests each ({load_average()}) =="
            )
            from bench import pages

            rows = pages.measure(generated, repeat=args.repeat, warmup=args.warmup, only=args.only)
            print(pages.table(rows))
        if not args.no_extras:
            extras(generated, environment, skip=args.skip)
        print(f"\nDone; {load_average()}")
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"Kept {database.describe(url)}")
        else:
            database.drop(url)


def fill(years: int):
    from django.core.management import call_command

    from bench.generate import Scale, generate

    call_command("flush", verbosity=0, interactive=False)
    started = time.perf_counter()
    generated = generate(Scale(years=years))
    print(
        f"\nGenerated {years} year(s): 300 actions a year with 4 updates each, 20 services, "
        f"200 bids, 30 indicators, 200 officers in {time.perf_counter() - started:.1f} s"
    )
    return generated


def extras(generated, environment: dict, skip: list[str]) -> None:
    from bench import crime_import, papers

    if "papers" not in skip:
        print()
        papers.run(generated.partnership_slug, generated.plan_year_slug)
    if "crime" not in skip:
        print()
        crime_import.run()
    for module in SEPARATE_SECTIONS:
        path = ROOT / (module.replace(".", "/") + ".py")
        if not path.exists() or module.rsplit(".", 1)[-1] in skip:
            continue
        print(f"\n{module}:", flush=True)
        subprocess.run(
            [sys.executable, "-c", f"import {module} as m; m.main()"],
            cwd=ROOT,
            env={**os.environ, **environment},
            check=False,
        )


if __name__ == "__main__":
    main()

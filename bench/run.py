"""Time the portal's busiest pages on generated data and print the figures.

Usage: python bench/run.py [--actions 1000] [--repeat 5]

It builds a throwaway SQLite database (or uses DATABASE_URL), makes a partnership with a plan of
N actions, renders each page a few times through Django's test client and prints the median
time and the number of SQL queries. Numbers belong here, not in the tests.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="sosafe-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")
    os.environ["DEBUG"] = "true"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DEBUG = True  # record queries

    from tests.conftest import make_plan
    from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

    partnership = PartnershipFactory(slug="bench")
    org = OrganisationFactory(partnership=partnership)
    member = MembershipFactory(partnership=partnership, role="coordinator", organisation=org)
    started = time.perf_counter()
    plan, actions = make_plan(partnership, org, actions=args.actions, themes=7)
    print(f"built a plan of {args.actions} actions in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(member.user)
    pages = {
        "partnership home": f"/p/{partnership.slug}/",
        "action plan": plan.get_absolute_url(),
        "action plan, filtered": plan.get_absolute_url() + "?status=at_risk&q=Action",
        "action": actions[0].get_absolute_url(),
    }
    print(f"{'page':<24}{'median ms':>10}{'queries':>9}{'KiB':>8}")
    for name, url in pages.items():
        timings = []
        for _ in range(args.repeat):
            reset_queries()
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
        size = len(response.content) / 1024
        print(f"{name:<24}{statistics.median(timings):>10.0f}{queries:>9}{size:>8.0f}")


if __name__ == "__main__":
    main()

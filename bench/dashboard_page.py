"""Time the RAG dashboard beside the sign-in page, on generated data, with DEBUG off.

Usage: python bench/dashboard_page.py [--actions 60] [--years 10] [--services 20] [--repeat 7]

It builds a throwaway SQLite database in a temporary folder (or uses DATABASE_URL), makes a
partnership with a plan of N actions for each of the years, referral counts for every quarter
of every year and a few bids a year, then prints the median time of each page over the repeats
and the dashboard's SQL query count (counted separately, so the timings run with DEBUG off).
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
    parser.add_argument("--actions", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="sosafe-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    call_command("migrate", verbosity=0)

    from referrals.models import ReferralReturn, Service
    from sosafe.periods import FinancialYear
    from tests.conftest import make_plan
    from tests.factories import (
        FundingBidFactory,
        MembershipFactory,
        OrganisationFactory,
        PartnershipFactory,
    )

    partnership = PartnershipFactory(slug="bench")
    org = OrganisationFactory(partnership=partnership)
    member = MembershipFactory(partnership=partnership, role="member")
    started = time.perf_counter()
    last = 2025
    first = last - args.years + 1
    services = Service.objects.bulk_create(
        Service(partnership=partnership, organisation=org, name=f"Service {n:03d}")
        for n in range(args.services)
    )
    for year in range(first, last + 1):
        make_plan(partnership, org, actions=args.actions, year=year, themes=6, restricted_every=9)
        ReferralReturn.objects.bulk_create(
            ReferralReturn(service=s, year=FinancialYear(year), quarter=q, total=10 + q)
            for s in services
            for q in (1, 2, 3, 4)
        )
        for month in (5, 8, 11):
            FundingBidFactory(
                successful=True,
                partnership=partnership,
                submitted_on=None,
                decision_on=None,
                received_on=FinancialYear(year).start.replace(month=month),
            )
    print(
        f"built {args.years} years of {args.actions}-action plans, {args.services} services "
        f"and bids in {time.perf_counter() - started:.1f} s (DEBUG={settings.DEBUG})"
    )

    signed_in = Client()
    signed_in.force_login(member.user)
    pages = {
        "sign-in page": (Client(), "/accounts/login/"),
        "dashboard": (signed_in, f"/p/{partnership.slug}/dashboard/"),
        "dashboard, a quarter": (signed_in, f"/p/{partnership.slug}/dashboard/{last}-26/q1/"),
    }
    print(f"{'page':<24}{'median ms':>10}{'queries':>9}")
    for name, (client, url) in pages.items():
        assert client.get(url).status_code == 200, url  # warm up
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{name:<24}{statistics.median(timings):>10.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()

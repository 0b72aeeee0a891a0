"""Time the referrals grid, trend and table pages as the data grows.

    .venv/bin/python bench/referrals_pages.py [--services 10 100] [--years 3 12]

Builds a throwaway test database (SQLite in memory, or DATABASE_URL's server with a test_
prefix), fills it, and prints each page's SQL query count and median time over 5 requests.
The query counts should not change with the size; the times should grow gently.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402

from referrals.models import ReferralReturn, Service, SourceCount  # noqa: E402
from sosafe.models import Membership, Organisation, Partnership, Role  # noqa: E402
from sosafe.periods import FinancialYear, Quarter  # noqa: E402

QUARTER = Quarter.parse("Q2 2025/26")


def build(services: int, years: int) -> tuple[Client, Partnership, Service]:
    from django.contrib.auth import get_user_model

    Partnership.objects.all().delete()
    partnership = Partnership.objects.create(name=f"Bench {services}x{years}", slug="bench")
    organisation = Organisation.objects.create(
        partnership=partnership, name="Council", short_name="SBC"
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    Membership.objects.create(
        user=user, partnership=partnership, role=Role.COORDINATOR, organisation=organisation
    )
    first = QUARTER.year.start_year - years + 1
    made = Service.objects.bulk_create(
        Service(partnership=partnership, organisation=organisation, name=f"Service {n:04d}")
        for n in range(services)
    )
    returns = ReferralReturn.objects.bulk_create(
        ReferralReturn(
            service=service, year=FinancialYear(start), quarter=number, total=10 + number
        )
        for service in made
        for start in range(first, first + years)
        for number in (1, 2, 3, 4)
    )
    SourceCount.objects.bulk_create(
        SourceCount(referral_return=r, kind="other", count=r.total) for r in returns
    )
    client = Client()
    client.force_login(user)
    return client, partnership, made[0]


def measure(client: Client, url: str) -> tuple[int, float]:
    times = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return len(queries), statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--years", type=int, nargs="+", default=[3, 12])
    args = parser.parse_args()
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"{'services':>8} {'years':>5}  {'page':<7} {'queries':>7} {'median ms':>10}")
        for services in args.services:
            for years in args.years:
                client, partnership, service = build(services, years)
                slug = partnership.slug
                pages = {
                    "grid": reverse("referrals:return-grid", args=[slug]) + f"?quarter={QUARTER}",
                    "trend": reverse("referrals:service-detail", args=[slug, service.pk]),
                    "table": reverse("referrals:service-list", args=[slug])
                    + f"?year={QUARTER.year}",
                }
                for name, url in pages.items():
                    count, ms = measure(client, url)
                    print(f"{services:>8} {years:>5}  {name:<7} {count:>7} {ms:>10.1f}")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()

"""How the funding list, summary and export scale: queries and time at growing numbers of bids.

    .venv/bin/python bench/funding_pages.py [50 500 2000]

Builds a throwaway test database (SQLite in memory, or DATABASE_URL's server with a test_
prefix), fills it with bids, spend and objectives, and times each page as a RAG member sees it.
Each cell is the query count and the median time of 5 requests; the query count must not
change with the number of bids.
"""

import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

from actionplan.models import Objective, Strategy  # noqa: E402
from funding.models import BidStatus, Funder, FundingBid, Spend  # noqa: E402
from sosafe.models import Membership, Organisation, Partnership, Role  # noqa: E402

REPEAT = 5
PAGES = [
    ("bids list", "/p/bench/funding/"),
    ("bids list, filtered", "/p/bench/funding/?status=successful&year=2017-18"),
    ("summary 2017/18", "/p/bench/funding/summary/2017-18/"),
    ("funders", "/p/bench/funding/funders/"),
    ("export csv", "/p/bench/funding/export.csv"),
]


def fill(partnership: Partnership, organisation: Organisation, count: int) -> None:
    FundingBid.objects.filter(partnership=partnership).delete()
    strategy, _ = Strategy.objects.get_or_create(
        partnership=partnership, start_year=2018, end_year=2021, defaults={"title": "Bench"}
    )
    objectives = [
        Objective.objects.get_or_create(strategy=strategy, number=n, defaults={"title": f"O{n}"})[0]
        for n in (1, 2, 3)
    ]
    funders = [
        Funder.objects.get_or_create(partnership=partnership, name=f"Funder {n}")[0]
        for n in range(5)
    ]
    statuses = [BidStatus.SUCCESSFUL, BidStatus.SUBMITTED, BidStatus.UNSUCCESSFUL, BidStatus.DRAFT]
    bids = []
    for index in range(count):
        status = statuses[index % 4]
        bids.append(
            FundingBid(
                partnership=partnership,
                title=f"Bid {index}",
                funder=funders[index % 5],
                organisation=organisation,
                status=status,
                amount_requested=Decimal("1000.00"),
                amount_awarded=Decimal("900.00") if status == BidStatus.SUCCESSFUL else None,
                submitted_on=datetime.date(2016, 4, 1) + datetime.timedelta(days=index % 1000),
            )
        )
    FundingBid.objects.bulk_create(bids)
    links = FundingBid.objectives.through
    links.objects.bulk_create(
        links(fundingbid_id=bid.pk, objective_id=objectives[i % 3].pk) for i, bid in enumerate(bids)
    )
    Spend.objects.bulk_create(
        Spend(bid=bid, spent_on=datetime.date(2017, 6, 1), amount=Decimal("10.00"), description="x")
        for bid in bids
        if bid.status == BidStatus.SUCCESSFUL
        for _ in range(3)
    )


def main(sizes: list[int]) -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    try:
        partnership = Partnership.objects.create(name="Bench CSP", short_name="Bench", slug="bench")
        organisation = Organisation.objects.create(
            partnership=partnership, name="Bench council", short_name="BC"
        )
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user("bench", password="bench-password")
        Membership.objects.create(user=user, partnership=partnership, role=Role.MEMBER)
        client = Client()
        client.force_login(user)
        print(f"{'page':<22}" + "".join(f"{n:>10} bids" for n in sizes))
        results = {name: [] for name, _ in PAGES}
        for size in sizes:
            fill(partnership, organisation, size)
            for name, path in PAGES:
                client.get(path)  # warm up
                times = []
                for _ in range(REPEAT):
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        response = client.get(path)
                        times.append(time.perf_counter() - start)
                    assert response.status_code == 200, (path, response.status_code)
                median = statistics.median(times)
                results[name].append(f"{len(queries):>3}q {median * 1000:>6.0f}ms")
        for name, cells in results.items():
            print(f"{name:<22}" + "".join(f"{cell:>15}" for cell in cells))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [50, 500, 2000])

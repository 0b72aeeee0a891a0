"""Time the portal's main pages in process (Django's test client, DEBUG off).

For each page: the SQL queries of one request (counted in a request of its own, so counting
does not slow the timed ones), the median and 95th percentile of REPEAT timed requests after
WARMUP untimed ones, the HTML size, and the median as a multiple of the sign-in page's median
measured in the same run (a yardstick that moves with the machine's load).
"""

import math
import statistics
import time
from dataclasses import dataclass

from bench.generate import Generated


@dataclass
class PageRow:
    name: str
    queries: int
    median_ms: float
    p95_ms: float
    kib: float
    ratio: float = 0.0


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def page_list(g: Generated) -> list[tuple[str, str, str]]:
    """(name, who asks, URL) for each page measured; who is a key of ``clients``."""
    from referrals.models import Service

    p = f"/p/{g.partnership_slug}"
    year = g.plan_year_slug
    service = Service.objects.filter(partnership__slug=g.partnership_slug).order_by("pk").first()
    officer_action = g.officer_actions[g.officers[0]][0] if g.officers else g.first_action_pk
    from indicators.models import Indicator

    indicator = Indicator.objects.filter(partnership__slug=g.partnership_slug).order_by("pk")[0]
    return [
        ("sign-in page", "anonymous", "/accounts/login/"),
        ("partnership home", "member", f"{p}/"),
        ("action plan", "member", f"{p}/plans/{year}/"),
        ("action plan, off track only", "member", f"{p}/plans/{year}/?status=off_track"),
        ("action", "member", f"{p}/actions/{g.first_action_pk}/"),
        ("my actions (officer)", "officer", f"{p}/my-actions/"),
        (
            "update form (officer)",
            "officer",
            f"{p}/actions/{officer_action}/updates/{g.open_quarter}/",
        ),
        ("chasing (coordinator)", "coordinator", f"{p}/plans/{year}/quarters/{g.open_quarter}/"),
        ("dashboard", "member", f"{p}/dashboard/"),
        ("referrals table", "member", f"{p}/referrals/"),
        ("referrals trend", "member", f"{p}/referrals/services/{service.pk}/"),
        ("referrals entry grid", "coordinator", f"{p}/referrals/entry/"),
        ("funding bids", "member", f"{p}/funding/"),
        ("funding summary", "member", f"{p}/funding/summary/{year}/"),
        ("funding export csv", "member", f"{p}/funding/export.csv"),
        ("indicators", "member", f"{p}/indicators/"),
        ("indicator", "member", f"{p}/indicators/{indicator.pk}/"),
    ]


def clients(g: Generated) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    made = {"anonymous": Client()}
    for key, username in (
        ("member", g.member),
        ("coordinator", g.coordinator),
        ("officer", g.officers[0] if g.officers else g.coordinator),
    ):
        client = Client()
        client.force_login(users.get(username=username))
        made[key] = client
    return made


def measure(g: Generated, *, repeat: int, warmup: int, only: str = "") -> list[PageRow]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in = clients(g)
    rows = []
    for name, who, url in page_list(g):
        if only and only not in name and name != "sign-in page":
            continue
        client = signed_in[who]
        for _ in range(warmup):
            _get(client, url)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = _get(client, url)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            _get(client, url)
        rows.append(
            PageRow(
                name=name,
                queries=len(queries),
                median_ms=statistics.median(times),
                p95_ms=percentile(times, 0.95),
                kib=len(response.content) / 1024,
            )
        )
    base = rows[0].median_ms or 1.0
    for row in rows:
        row.ratio = row.median_ms / base
    return rows


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    return response


def table(rows: list[PageRow]) -> str:
    lines = [f"{'page':<30}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'KiB':>8}{'x sign-in':>11}"]
    for row in rows:
        lines.append(
            f"{row.name:<30}{row.queries:>8}{row.median_ms:>11.1f}{row.p95_ms:>9.1f}"
            f"{row.kib:>8.0f}{row.ratio:>11.1f}"
        )
    return "\n".join(lines)

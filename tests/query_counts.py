"""One check for every page that lists things: it runs the same number of SQL queries whatever
the size of its data.

    assert_fixed_queries(client, build)            # build(5), count; build(50), count

``build(n)`` adds ``n`` more of what the page lists (actions, services, bids …) and returns the
page's address. The page is asked once to settle the session, then counted with an empty cache,
so every cached fragment is rendered afresh; with ``warm=True`` it is asked again and that count
(every fragment from the cache) must not grow either. The counts are returned, for a test that
also pins them.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


class Counts(NamedTuple):
    cold: int
    warm: int | None = None


def _empty_caches() -> None:
    for cache in caches.all():
        cache.clear()


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


def _counts(client, url: str, warm: bool) -> tuple[list[str], list[str] | None]:
    client.get(url)  # the session's first writes are not the page's
    _empty_caches()
    cold = _queries(client, url)
    return cold, (_queries(client, url) if warm else None)


def _differs(label: str, small: list[str], large: list[str], sizes) -> str:
    extra = [sql for sql in large if sql not in small] or large[len(small) :]
    listing = "\n".join(f"  {sql[:300]}" for sql in extra[:10])
    return (
        f"{label}: {len(small)} queries at size {sizes[0]}, {len(large)} at size {sizes[1]}; "
        f"the larger page's queries not in the smaller one's:\n{listing}"
    )


def assert_fixed_queries(
    client, build: Callable[[int], str], sizes: tuple[int, int] = (5, 50), *, warm: bool = False
) -> Counts:
    """The page ``build`` returns runs as many queries after ``build(sizes[0])`` as after
    ``build(sizes[1])`` (with an empty cache, and with a full one if ``warm``)."""
    small_cold, small_warm = _counts(client, build(sizes[0]), warm)
    large_cold, large_warm = _counts(client, build(sizes[1]), warm)
    assert len(small_cold) == len(large_cold), _differs("cold", small_cold, large_cold, sizes)
    if warm:
        assert len(small_warm) == len(large_warm), _differs("warm", small_warm, large_warm, sizes)
        return Counts(len(small_cold), len(small_warm))
    return Counts(len(small_cold))

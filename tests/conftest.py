"""Shared fixtures: the ``world`` of personas (tests/personas.py), plans to read, and the
demo database, built once per test session.

The demo (``load_demo``) is loaded on first use into a transaction that stays open while the
tests that read it run, one after another (they are ordered together); each test's own
writes roll back to a savepoint as usual, and the demo itself is rolled back after the last
of them, so no other test ever sees it. Browser tests, which commit and flush, load their
own copy (tests/browser/conftest.py).
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from sosafe.models import Partnership
from tests import factories
from tests.personas import PERSONAS, World, build_world

__all__ = ["PERSONAS", "World", "make_plan"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """No test sees what another left in the cache (the plan table's rows)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def world(db) -> World:
    return build_world()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return (
        bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in names
        or "live_server" in names
    )


def _reads_shared_demo(item) -> bool:
    return "demo_database" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that read the shared demo one after another, just before the
    transactional tests (pytest-django has put those last), keeping every other order."""
    shared = [item for item in items if _reads_shared_demo(item)]
    if not shared:
        return
    rest = [item for item in items if not _reads_shared_demo(item)]
    first_transactional = next(
        (n for n, item in enumerate(rest) if _is_transactional(item)), len(rest)
    )
    items[:] = rest[:first_transactional] + shared + rest[first_transactional:]


class DemoDatabase:
    """The demo data inside an open transaction, for as long as its tests run."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.output = ""

    def open(self) -> None:
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic._from_testcase = True  # as Django's TestCase: durable blocks may nest
            self.atomic.__enter__()
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            self.output = out.getvalue()

    def close(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            assert not Partnership.objects.filter(slug="sosafe").exists(), "demo not rolled back"
        self.atomic = None


_demo_database: DemoDatabase | None = None


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker) -> DemoDatabase:
    """Session-scoped, so it is set up before any test's own transaction (``db``) opens."""
    global _demo_database
    _demo_database = DemoDatabase(django_db_blocker)
    _demo_database.open()
    yield _demo_database
    _demo_database.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test that reads the demo (its own savepoint rolled back), roll the
    demo back too, before any test that expects an empty database."""
    yield
    if _demo_database is not None and (nextitem is None or not _reads_shared_demo(nextitem)):
        _demo_database.close()


@pytest.fixture
def demo(demo_database, db) -> str:
    """The SoSafe demo (``load_demo``), loaded once per session; returns what it printed."""
    if demo_database.atomic is None:
        raise RuntimeError("The demo was rolled back: a test that reads it ran out of order.")
    return demo_database.output


def make_plan(partnership, lead_org, *, actions=3, year=2024, restricted_every=0, themes=2):
    """A plan with ``actions`` actions spread over ``themes`` themes, each led by ``lead_org``,
    with a partner, two outcomes and two quarters of submitted updates (enough to show an N+1)."""
    from sosafe.periods import FinancialYear

    plan = factories.ActionPlanFactory(
        partnership=partnership, year=FinancialYear(year), title=f"Plan {year}"
    )
    theme_rows = [factories.ThemeFactory(plan=plan, number=n + 1) for n in range(themes)]
    aims = [factories.AimFactory(theme=t, number=1) for t in theme_rows]
    partner = factories.OrganisationFactory(partnership=partnership)
    created = []
    for index in range(actions):
        action = factories.ActionFactory(
            aim=aims[index % themes],
            letter=chr(97 + index // 26) + chr(97 + index % 26),
            restricted=bool(restricted_every) and index % restricted_every == 0,
        )
        factories.ActionLeadFactory(action=action, organisation=lead_org)
        action.partners.add(partner)
        factories.ExpectedOutcomeFactory(
            action=action, text="Outcome one", target=10, unit="events"
        )
        factories.ExpectedOutcomeFactory(action=action, text="Outcome two")
        factories.ProgressUpdateFactory(
            action=action, quarter=1, status="on_track", state="submitted"
        )
        factories.ProgressUpdateFactory(
            action=action, quarter=2, status="at_risk", state="submitted"
        )
        created.append(action)
    return plan, created

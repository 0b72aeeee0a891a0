"""The bench never touches DATABASE_URL's database, and generates the sizes it says."""

import pytest

from bench import database
from bench.generate import Scale, generate


def test_refuses_the_database_url_database():
    environ = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/sosafe_bench"}
    for spelling in (
        "postgres://postgres@127.0.0.1:5432/sosafe_bench",
        "postgresql://other@127.0.0.1/sosafe_bench",
    ):
        with pytest.raises(database.RefusedDatabase):
            database.choose(environ, spelling)
    with pytest.raises(database.RefusedDatabase):
        database.choose({**environ, "BENCH_DATABASE_URL": environ["DATABASE_URL"]})


def test_refuses_a_database_not_named_for_the_bench():
    with pytest.raises(database.RefusedDatabase):
        database.choose({}, "postgres://postgres@127.0.0.1:5432/sosafe")


def test_by_default_never_reads_database_url(monkeypatch, tmp_path):
    theirs = f"sqlite:///{tmp_path}/theirs.sqlite3"
    monkeypatch.setattr(database, "postgres_reachable", lambda url: False)
    chosen = database.choose({"DATABASE_URL": theirs})
    assert chosen.startswith("sqlite:///") and "theirs" not in chosen
    monkeypatch.setattr(database, "postgres_reachable", lambda url: True)
    assert database.choose({"DATABASE_URL": theirs}) == database.DEFAULT_POSTGRES


@pytest.mark.django_db
def test_generates_the_stated_sizes_at_a_tiny_scale():
    from actionplan.models import Action, ActionPlan, ProgressUpdate, ReportingQuarter
    from funding.models import FundingBid, Spend
    from indicators.models import Indicator, IndicatorValue
    from referrals.models import ReferralReturn
    from sosafe.models import Membership
    from sosafe.periods import FinancialYear

    scale = Scale(years=2, actions_per_year=6, services=2, bids=5, indicators=3, officers=4)
    g = generate(scale, last_year=FinancialYear(2025))

    assert ActionPlan.objects.count() == 2
    assert Action.objects.count() == 12
    assert ProgressUpdate.objects.count() == 12 * 4
    # The last year's Q4 is open, its updates drafts the load test writes; the rest accepted.
    assert ReportingQuarter.objects.filter(state="open").count() == 1
    assert ProgressUpdate.objects.filter(state="draft").count() == 6
    assert ReferralReturn.objects.count() == 2 * 4 * 2
    assert FundingBid.objects.count() == 5
    assert Spend.objects.count() == 3 * FundingBid.objects.filter(status="successful").count() > 0
    assert Indicator.objects.count() == 3
    assert IndicatorValue.objects.count() == 3 * 12 * 2  # monthly, two years
    assert Membership.objects.filter(role="officer").count() == 4
    assert sorted(pk for pks in g.officer_actions.values() for pk in pks) == sorted(
        Action.objects.filter(aim__theme__plan__year=FinancialYear(2025)).values_list(
            "pk", flat=True
        )
    )
    assert g.plan_year_slug == "2025-26" and g.open_quarter == 4

"""The dashboard's figures against values counted by hand from the fixture (see conftest)."""

from decimal import Decimal

import pytest

from reports.dashboard import default_period, gather_dashboard

pytestmark = pytest.mark.django_db


def _counts(row) -> dict[str, int]:
    return {count.status: count.count for count in row.counts if count.count}


def _refs(actions) -> list[str]:
    return [action.text for action in actions]


def test_status_counts_overall_and_per_theme(world, small):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 2, viewer=world.member)
    assert _counts(board.overall) == {
        "on_track": 1,
        "at_risk": 1,
        "off_track": 1,
        "complete": 1,
        "not_started": 1,
    }
    assert board.action_count == 5
    assert [theme.label for theme in board.themes] == [
        "1. Antisocial behaviour",
        "2. Domestic abuse",
    ]
    assert _counts(board.themes[0]) == {"off_track": 1, "at_risk": 1}
    assert _counts(board.themes[1]) == {"complete": 1, "not_started": 1, "on_track": 1}


def test_drafts_never_count(world, small):
    """B's Q2 draft says complete with its outcome achieved: B stays at risk from Q1, its
    outcome is not achieved, and it is missing this quarter's update, whoever looks."""
    plan, _ = small
    for viewer in (world.member, world.coordinator, world.officer, None):
        board = gather_dashboard(world.partnership, plan, 2, viewer=viewer)
        assert _refs(board.exceptions.at_risk) == ["Action B"]
        assert "Action B" in _refs(board.exceptions.missing)
        assert board.outcomes_achieved == 2


def test_outcomes_achieved_of_the_total(world, small):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 2, viewer=world.member)
    assert (board.outcomes_achieved, board.outcomes_total) == (2, 5)
    q1 = gather_dashboard(world.partnership, plan, 1, viewer=world.member)
    assert (q1.outcomes_achieved, q1.outcomes_total) == (0, 5)


def test_exceptions_with_their_narrative(world, small):
    plan, actions = small
    board = gather_dashboard(world.partnership, plan, 2, viewer=world.member)
    assert _refs(board.exceptions.off_track) == ["Action A"]
    assert board.exceptions.off_track[0].narrative == "Venue lost; behind plan."
    assert board.exceptions.off_track[0].pk == actions["A"].pk
    assert board.exceptions.at_risk[0].narrative == "Short of staff."
    assert board.exceptions.at_risk[0].reported_quarter == 1
    # C is complete, E reported: neither is chased.
    assert _refs(board.exceptions.missing) == ["Action B", "Action D"]
    assert board.exceptions.count == 4


def test_an_earlier_quarter_counts_what_was_reported_by_then(world, small):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 1, viewer=world.member)
    assert _counts(board.overall) == {"on_track": 1, "at_risk": 1, "not_started": 3}
    assert _refs(board.exceptions.missing) == ["Action C", "Action D", "Action E"]
    assert board.exceptions.off_track == ()


@pytest.mark.parametrize("officer", ["other_officer", "officer"])
def test_restricted_actions_are_left_out_for_officers_and_counted(world, small, officer):
    """Even the officer whose organisation leads restricted E: the dashboard's rule, not the
    plan page's."""
    plan, _ = small
    for quarter in (1, 2):  # E is missing its Q1 update: no exception for it either
        board = gather_dashboard(world.partnership, plan, quarter, viewer=getattr(world, officer))
        assert board.action_count == 4
        assert board.left_out_restricted == 1
        assert "Action E" not in _refs(board.exceptions.missing)
    assert _counts(board.themes[1]) == {"complete": 1, "not_started": 1}


@pytest.mark.parametrize("persona", ["member", "coordinator", "admin"])
def test_rag_members_and_coordinators_see_restricted_actions(world, small, persona):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 1, viewer=getattr(world, persona))
    assert (board.action_count, board.left_out_restricted) == (5, 0)
    assert "Action E" in _refs(board.exceptions.missing)


def test_public_reads_accepted_updates_only(world, small):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 2, viewer=None, public=True)
    # A's Q2 and B's Q1 are accepted; C's submitted update is not yet; E is restricted.
    assert _counts(board.overall) == {"off_track": 1, "at_risk": 1, "not_started": 2}
    assert board.left_out_restricted == 1
    assert (board.outcomes_achieved, board.outcomes_total) == (1, 5)


def test_referrals_against_last_quarter_and_last_year(world, small):
    plan, _ = small
    board = gather_dashboard(world.partnership, plan, 2, viewer=world.member)
    rows = {row.service: row for row in board.referrals.rows}
    assert sorted(rows) == ["S1", "S2"]  # S3 stopped before the year
    s1, s2 = rows["S1"], rows["S2"]
    assert (s1.current, s1.previous, s1.last_year) == (30, 20, 40)
    assert s1.change_on_previous.difference == 10
    assert s1.change_on_previous.percent == Decimal("50.0")
    assert s1.change_on_last_year.difference == -10
    assert s1.change_on_last_year.percent == Decimal("-25.0")
    # A zero previous value has no percentage; a missing one no comparison at all.
    assert (s2.current, s2.previous, s2.last_year) == (5, 0, None)
    assert s2.change_on_previous.kind == "new"
    assert s2.change_on_previous.percent is None
    assert s2.change_on_last_year.kind == "none"
    assert str(s2.change_on_last_year) == "No comparison"
    assert board.referrals.total == 35
    assert board.referrals.illustrative is False


def test_funding_secured_this_year_and_in_the_pipeline(world, small):
    plan, _ = small
    funding = gather_dashboard(world.partnership, plan, 2, viewer=world.member).funding
    assert (funding.secured, funding.secured_count) == (Decimal("3500.50"), 2)
    assert (funding.pipeline, funding.pipeline_count) == (Decimal("700.00"), 1)


def test_the_default_is_the_current_plan_and_its_latest_reported_quarter(world, small):
    import datetime

    plan, _ = small
    assert default_period(world.partnership, datetime.date(2024, 11, 1)) == (plan, 2)
    # A later year without a plan keeps the latest plan before it.
    assert default_period(world.partnership, datetime.date(2026, 5, 1)) == (plan, 2)
    board = gather_dashboard(world.partnership, plan, 2, viewer=world.member)
    assert [(c.label, c.has_reported) for c in board.quarters] == [
        ("Q1", True),
        ("Q2", True),
        ("Q3", False),
        ("Q4", False),
    ]

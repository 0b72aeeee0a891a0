import pytest

from tests.reports.dashboard_data import small_plan


@pytest.fixture
def small(world):
    """See tests/reports/dashboard_data.py for what it holds, counted by hand."""
    return small_plan(world)

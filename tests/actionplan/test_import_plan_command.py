"""``manage.py import_plan PARTNERSHIP YEAR FILE [--dry-run] [--create-organisations]``: prints
the preview, exits non-zero (and stores nothing) when the plan cannot be applied."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.models import Action, ActionPlan
from sosafe.models import Organisation
from sosafe.periods import FinancialYear
from tests.actionplan.plan_workbooks import appendix_csv, appendix_xlsx, plan_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan(demo):
    return ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2017))


def _run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import_plan", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def _counts():
    return ActionPlan.objects.count(), Action.objects.count(), Organisation.objects.count()


def test_a_good_file_is_applied_and_exits_0(demo_plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(appendix_xlsx(demo_plan))
    code, out = _run("sosafe", "2019/20", str(path))
    assert code == 0
    assert "2019/20: 7 themes" in out and "1. Antisocial behaviour" in out
    assert "Imported Action plan 2019/20 for SoSafe" in out
    plan = ActionPlan.objects.get(partnership=demo_plan.partnership, year=FinancialYear(2019))
    assert plan_data(plan) == plan_data(demo_plan)


def test_dry_run_writes_nothing_and_exits_0(demo_plan, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(appendix_csv(demo_plan))
    before = _counts()
    code, out = _run("sosafe", "2019/20", str(path), "--dry-run")
    assert code == 0 and "Dry run: the plan can be imported." in out
    assert _counts() == before


def test_unknown_organisations_stop_it_unless_created(demo_plan, tmp_path):
    def edit(rows):
        n = next(
            i for i, row in enumerate(rows) if len(row) > 1 and "Arrange and deliver" in str(row[1])
        )
        rows[n][2] = "Faith Trust (Director)"
        edit.row = n + 1

    path = tmp_path / "plan.xlsx"
    path.write_bytes(appendix_xlsx(demo_plan, edit=edit))
    before = _counts()
    code, out = _run("sosafe", "2019/20", str(path))
    assert code == 1
    assert "Faith Trust (not decided)" in out
    assert (
        f"Sheet 'Appendix A', row {edit.row}: Lead organisation 'Faith Trust' is not one of "
        "the partnership's organisations." in out
    )
    assert "Nothing was imported." in out
    assert _counts() == before

    code, out = _run("sosafe", "2019/20", str(path), "--create-organisations", "--dry-run")
    assert code == 0 and "Faith Trust (will be created)" in out
    assert _counts() == before

    code, out = _run("sosafe", "2019/20", str(path), "--create-organisations")
    assert code == 0
    assert Organisation.objects.filter(name="Faith Trust", short_name="Faith Trust").exists()


def test_problems_exit_1_and_store_nothing(demo_plan, tmp_path):
    def edit(rows):
        n = next(i for i, row in enumerate(rows) if row and "1.3 Support" in str(row[0]))
        rows[n][0] = ""

    path = tmp_path / "plan.xlsx"
    path.write_bytes(appendix_xlsx(demo_plan, edit=edit))
    before = _counts()
    code, out = _run("sosafe", "2019/20", str(path), "--create-organisations")
    assert code == 1
    assert "Action a) is used twice in aim 1.2" in out
    assert _counts() == before
    assert _run("sosafe", "2017/18", str(path))[0] == 1  # the year has its plan
    assert _run("sosafe", "2019/20", str(tmp_path / "missing.xlsx"))[0] == 1
    assert _run("nowhere", "2019/20", str(path))[0] == 1

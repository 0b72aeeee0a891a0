"""Small plans whose dashboard and paper figures are worked out by hand in the tests."""

import os
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from actionplan.models import OutcomeProgress
from sosafe.periods import FinancialYear
from tests import factories
from tests.reports.dashboard_data import small_plan


@pytest.fixture
def small(world):
    """See tests/reports/dashboard_data.py for what it holds, counted by hand."""
    return small_plan(world)


@dataclass
class PaperPlan:
    plan: object
    a: object  # 1.1 a) complete, accepted in Q2: both outcomes achieved
    b: object  # 1.1 b) on track, accepted in Q2 with one of two outcomes ticked; Q3 submitted
    c: object  # 2.1 a) restricted, complete
    d: object  # 2.1 b) no update at all


@pytest.fixture
def paper_plan(world) -> PaperPlan:
    partnership = world.partnership
    plan = factories.ActionPlanFactory(
        partnership=partnership, year=FinancialYear(2024), title="Test plan 2024/25"
    )
    asb = factories.ThemeFactory(plan=plan, number=1, title="Antisocial behaviour")
    hate = factories.ThemeFactory(plan=plan, number=2, title="Hate crime")
    aim1 = factories.AimFactory(theme=asb, number=1, text="Prevent youth nuisance.")
    aim2 = factories.AimFactory(theme=hate, number=1, text="Report hate crime.")

    def action(aim, letter, text, restricted=False):
        made = factories.ActionFactory(aim=aim, letter=letter, text=text, restricted=restricted)
        factories.ActionLeadFactory(action=made, organisation=world.lead_org, officer_role="")
        return made

    a = action(aim1, "a", "Share youth referrals at JAG.")
    b = action(aim1, "b", "Buy two cameras.")
    c = action(aim2, "a", "Closed session disruption work.", restricted=True)
    d = action(aim2, "b", "Deliver WRAP sessions.")
    d.partners.add(world.other_org)
    o1 = factories.ExpectedOutcomeFactory(action=a, text="Youth hub open.", order=1)
    factories.ExpectedOutcomeFactory(action=a, text="Fewer youth calls.", order=2)
    o3 = factories.ExpectedOutcomeFactory(action=b, text="Cameras bought.", order=1)
    factories.ExpectedOutcomeFactory(action=b, text="Two prosecutions.", order=2)
    factories.ExpectedOutcomeFactory(action=c, text="Closed sessions held.")
    factories.ExpectedOutcomeFactory(action=d, text="Four WRAP sessions.")
    accepted = {"state": "accepted"}
    factories.ProgressUpdateFactory(
        action=a, quarter=2, status="complete", narrative="Youth hub opened.", **accepted
    )
    b2 = factories.ProgressUpdateFactory(
        action=b, quarter=2, status="on_track", narrative="One camera bought.", **accepted
    )
    OutcomeProgress.objects.create(update=b2, outcome=o3, achieved=True)
    factories.ProgressUpdateFactory(
        action=b, quarter=3, status="at_risk", narrative="Second camera delayed.", state="submitted"
    )
    factories.ProgressUpdateFactory(
        action=c, quarter=2, status="complete", narrative="Closed work done.", **accepted
    )
    factories.ProgressUpdateFactory(
        action=a, quarter=3, status="complete", narrative="Draft only.", state="draft"
    )
    factories.AcronymFactory(
        partnership=partnership, abbreviation="JAG", meaning="Joint Action Group"
    )
    factories.AcronymFactory(
        partnership=partnership, abbreviation="PCC", meaning="Police and Crime Commissioner"
    )
    assert o1  # the first outcome of A has no tick: "complete" achieves it
    return PaperPlan(plan, a, b, c, d)


def poppler(tool: str, content: bytes, tmp_path, *args: str) -> str:
    """Run a poppler tool on the PDF (skipped locally without poppler-utils, fails in CI)."""
    if shutil.which(tool) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} (poppler-utils) is missing in CI")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    path = tmp_path / "paper.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdf_text(content: bytes, tmp_path) -> str:
    return poppler("pdftotext", content, tmp_path)  # reading order: a cell's text stays together

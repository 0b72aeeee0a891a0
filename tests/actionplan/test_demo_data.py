"""The demo data is the SoSafe partnership as its documents describe it."""

import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from actionplan.demo import RECONSTRUCTED
from actionplan.models import (
    Action,
    ActionPlan,
    Aim,
    ExpectedOutcome,
    OutcomeProgress,
    ProgressUpdate,
    Strategy,
    Theme,
)
from actionplan.reported import current_plan, plans
from actionplan.selectors.cycle import my_latest_actions
from reports.dashboard import default_period
from reports.papers import PaperPeriod, build, formats
from sosafe.models import Acronym, Group, Membership, Organisation, Partnership, Role
from sosafe.periods import FinancialYear

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# Appendix A of the March 2018 committee paper: its themes and how many action rows each has.
THEMES_2017_18 = [
    (1, "Antisocial behaviour", 9),
    (2, "Hate Crime", 6),
    (3, "Safeguarding", 10),
    (4, "Violent Crime", 5),
    (5, "Reassurance / public engagement", 5),
    (6, "Scams and Fraud", 4),
    (7, "Serious / organised crime and drugs", 3),
]
# Section 4.2 of the paper: the recommended priorities for 2018/19, the draft's themes.
PRIORITIES_2018_19 = [
    (1, "Tackling Anti Social Behaviour and youth nuisance"),
    (2, "Safeguarding of vulnerable people including domestic abuse and Hate Crime"),
    (3, "Drug and alcohol-related crime and disorder"),
    (4, "Modern Slavery and Sexual exploitation"),
    (5, "Knife Crime"),
    (6, "Fraud and Scams"),
]
AIM_REFS_2017_18 = [
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5",
    "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "6.1", "6.2", "6.3", "7.1", "7.2",
]  # fmt: skip


def test_the_2017_18_plan_has_the_documents_themes_aims_and_actions(demo):
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    themes = [
        (theme.number, theme.title, Action.objects.filter(aim__theme=theme).count())
        for theme in plan.themes.order_by("number")
    ]
    assert themes == THEMES_2017_18
    assert Action.objects.filter(aim__theme__plan=plan).count() == 42
    aims = Aim.objects.filter(theme__plan=plan).select_related("theme")
    assert sorted((a.ref for a in aims), key=lambda r: tuple(map(int, r.split(".")))) == (
        AIM_REFS_2017_18
    )


def test_actions_keep_their_text_leads_partners_and_outcomes(demo):
    action = Action.objects.get(
        aim__theme__plan__year=FinancialYear(2017), aim__theme__number=3, aim__number=4, letter="a"
    )
    assert action.text == "Support annual multi-agency OPALS event."
    assert [lead.organisation.short_name for lead in action.leads.all()] == ["HFRS"]
    assert action.resources == "£350 grant funding for materials."
    outcome = action.outcomes.get(text__startswith="100 people")
    assert outcome.target == 100
    update = action.updates.get(quarter=4)
    assert "OPALS event was a success" in update.narrative


def test_every_action_has_a_q4_update_with_a_status(demo):
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    # (reports/demo.py adds the accepted Q3 copies the published scrutiny report reads)
    updates = ProgressUpdate.objects.filter(action__aim__theme__plan=plan, quarter=4)
    assert updates.count() == 42
    assert updates.filter(status="not_started", narrative="Waiting for update").count() == 1


def test_the_statuses_are_the_papers_41_completed_and_6_2_outstanding(demo):
    """Section 4 of the paper: 41 of the 42 completed, the only one outstanding being the
    fraud-awareness training for frontline staff (6.2)."""
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    for quarter in (3, 4):
        updates = ProgressUpdate.objects.filter(action__aim__theme__plan=plan, quarter=quarter)
        assert updates.filter(status="complete").count() == 41
        assert [u.action.ref for u in updates.exclude(status="complete")] == ["6.2"]


def test_the_computed_review_findings_are_the_papers(demo):
    """The paper counts one expected outcome per action (its Expected outcomes cell): 42 in
    all, 41 completed, 6.2 outstanding. The demo's scrutiny paper computes the same."""
    partnership = Partnership.objects.get(slug="sosafe")
    paper = build("scrutiny", partnership, PaperPeriod.parse("2017/18"))
    findings = paper.body.findings
    assert (findings.total, findings.completed, findings.percentage) == (42, 41, "98%")
    [outstanding] = findings.outstanding
    assert outstanding.ref == "6.2"
    assert outstanding.action.startswith("Continue to deliver fraud training sessions")
    assert "2 training sessions delivered." in outstanding.outcome.splitlines()
    assert not paper.body.withheld  # the paper published every action of the plan
    html = formats.html(paper)
    assert "had a total of 42 expected outcomes" in html and "41 have been completed" in html


# Figures achieved against numeric outcomes, as the paper reports them (its appendix, or the
# section on the theme where the appendix gives no figure).
FIGURES_ACHIEVED = {
    ("2.1 a)", "2 sessions delivered."): (2, 1),
    ("2.2 b)", "At least 50 in attendance."): (50, 58),
    ("2.3", "At least 2 new third-party reporting centres"): (2, 2),
    ("3.1 a)", "Deliver at least 10 safeguarding training sessions"): (10, 19),
    ("3.2 a)", "Deliver at least 4 WRAP sessions"): (4, 3),
    ("3.3 a)", "Online safety advice promoted through at least 2 events."): (2, 2),
    ("3.4 c)", "4 events undertaken."): (4, 5),
    ("3.4 c)", "100 people engaged with through the programme."): (100, 130),
    ("5.1 b)", "1000 new members."): (1000, 1910),
}


def test_figures_achieved_are_loaded_against_the_targets(demo):
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    for quarter in (3, 4):
        rows = OutcomeProgress.objects.filter(
            update__action__aim__theme__plan=plan,
            update__quarter=quarter,
            achieved_figure__isnull=False,
        ).select_related("outcome", "update__action__aim__theme")
        found = {
            (row.update.action.ref, row.outcome.text): (row.outcome.target, row.achieved_figure)
            for row in rows
        }
        expected = {
            next(key for key in found if key[0] == ref and key[1].startswith(text)): figures
            for (ref, text), figures in FIGURES_ACHIEVED.items()
        }
        assert found == expected
    action = Action.objects.get(
        aim__theme__plan=plan, aim__theme__number=3, aim__number=1, letter="a"
    )
    update = action.updates.get(quarter=4)
    row = update.outcome_progress.get(outcome__target=10)
    assert (row.achieved_figure, row.achieved) == (19, True)


def test_outcomes_of_complete_actions_are_ticked_and_6_2s_are_not(demo):
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    ticked = OutcomeProgress.objects.filter(
        update__action__aim__theme__plan=plan, update__quarter=4, achieved=True
    )
    outcomes = ExpectedOutcome.objects.filter(action__aim__theme__plan=plan)
    assert (
        ticked.count()
        == outcomes.exclude(action__aim__number=2, action__aim__theme__number=6).count()
    )
    assert not ticked.filter(update__action__aim__theme__number=6, update__action__aim__number=2)


def test_aim_1_3_is_marked_reconstructed_where_it_is_shown(demo, client):
    plan = ActionPlan.objects.get(year=FinancialYear(2017))
    marked = Aim.objects.filter(theme__plan=plan, text__contains="reconstructed")
    assert [aim.ref for aim in marked] == ["1.3"]
    aim = marked.get()
    assert aim.text.startswith("Support offenders and high risk individuals")
    assert aim.text.endswith(RECONSTRUCTED)
    client.force_login(get_user_model().objects.get(username="coordinator"))
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Aim text reconstructed" in page
    paper = build("scrutiny", plan.partnership, PaperPeriod.parse("2017/18"))
    assert "Aim text reconstructed" in formats.html(paper)


def test_the_2018_19_plan_is_a_draft_rolled_forward_with_the_recommended_priorities(demo):
    previous = ActionPlan.objects.get(year=FinancialYear(2017))
    draft = ActionPlan.objects.get(year=FinancialYear(2018))
    assert (draft.status, draft.rolled_from, draft.approved_on) == ("draft", previous, None)
    assert draft.title == "SoSafe Community Safety Action Plan 2018/19"
    assert draft.strategy.start_year == 2018
    assert [(t.number, t.title) for t in draft.themes.order_by("number")] == PRIORITIES_2018_19
    [carried] = Action.objects.filter(aim__theme__plan=draft)
    assert (carried.ref, carried.aim.theme.title) == ("6.2", "Fraud and Scams")
    assert carried.carried_from.aim.theme.plan == previous
    assert carried.carried_from.ref == "6.2"
    assert carried.outcomes.count() == 3
    assert not carried.updates.exists()
    assert not draft.reporting_quarters.exists()


def test_the_portal_reports_on_2017_18_not_the_draft(demo, client):
    partnership = Partnership.objects.get(slug="sosafe")
    approved = ActionPlan.objects.get(year=FinancialYear(2017))
    assert current_plan(plans(partnership)) == approved
    assert default_period(partnership) == (approved, 4)
    officer = Membership.objects.get(user__username="officer")
    assert [entry.plan for entry in my_latest_actions(officer)] == [approved]
    client.force_login(get_user_model().objects.get(username="rag"))
    dashboard = client.get(reverse("reports:dashboard", args=["sosafe"])).content.decode()
    assert "<h1>Dashboard: SoSafe Community Safety Action Plan 2017/18, Q4" in dashboard
    home = client.get(reverse("reports:home", args=["sosafe"])).content.decode()
    assert "as at the end of Q4 2017/18" in home
    assert "with no progress reported yet" in home  # the draft, listed beside it


def test_every_action_is_public_as_the_paper_published_them(demo):
    # The committee paper (a public paper) printed every action in its Appendix A, the closed
    # JAG work of theme 7 included.
    assert not Action.objects.filter(restricted=True).exists()


def test_strategies_have_their_aims_and_objectives(demo):
    current = Strategy.objects.get(start_year=2025)
    assert (current.end_year, current.status) == (2028, "current")
    assert current.aims.count() == 2
    assert current.objectives.count() == 6
    assert current.objectives.get(number=3).title.startswith("Promote awareness of Cuckooing")
    assert all(objective.what_we_will_do_list for objective in current.objectives.all())
    older = Strategy.objects.get(start_year=2018)
    assert (older.aims.count(), older.objectives.count(), older.status) == (2, 5, "archived")


def test_partnership_organisations_groups_and_acronyms(demo):
    partnership = Partnership.objects.get(slug="sosafe")
    authorities = set(
        Organisation.objects.filter(
            partnership=partnership, kind=Organisation.Kind.RESPONSIBLE_AUTHORITY
        ).values_list("short_name", flat=True)
    )
    assert {"SBC", "Police", "HFRS", "HCC", "Probation"} <= authorities
    assert {"RAG", "JAG"} <= set(Group.objects.values_list("short_name", flat=True))
    assert Group.objects.get(short_name="JAG").members.filter(short_name="Police").exists()
    assert Acronym.objects.get(abbreviation="ASB").meaning.lower().startswith("anti")


def test_one_demo_user_per_role(demo):
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert "coordinator" in demo and "sosafe-demo" in demo


def test_loading_twice_changes_nothing_and_reset_reloads(demo):
    call_command("load_demo", stdout=io.StringIO())
    assert Theme.objects.count() == 7 + 6  # 2017/18 and the 2018/19 draft
    call_command("load_demo", "--reset", stdout=io.StringIO())
    assert Theme.objects.count() == 7 + 6
    assert Action.objects.count() == 42 + 1  # 6.2 carried into the draft


def _people_named_as_leads() -> set[str]:
    """Names in the Lead column of the paper's appendix, e.g. "SBC (Sarah Pateman)"."""
    text = (SEEDS / "scrutiny-committee-paper-2018-action-plan-2017-18.txt").read_text()
    appendix = text[text.index("Action plan 2017/18") :]
    team_words = {"Community", "Safety", "Neighbourhood", "Wardens", "Corporate", "Comms"}
    found = re.findall(r"\(([A-Z][a-z]+(?:[ -][A-Z][a-z]+)+)(?: /[^)]*)?\)", appendix)
    return {name for name in found if not team_words & set(name.split())}


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside this checkout")
def test_no_real_persons_names_in_the_demo_data():
    names = _people_named_as_leads()
    assert len(names) >= 10  # the check finds the names it is meant to keep out
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    for path in fixtures.rglob("*.json"):
        text = json.dumps(json.loads(path.read_text()))
        for name in names:
            assert name not in text, f"{name} appears in {path.name}"

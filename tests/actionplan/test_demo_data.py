"""The demo data is the SoSafe partnership as its documents describe it."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from actionplan.models import Action, ActionPlan, Aim, ProgressUpdate, Strategy, Theme
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


def test_closed_jag_work_is_restricted(demo):
    restricted = Action.objects.filter(restricted=True)
    assert {a.aim.theme.number for a in restricted} == {7}
    assert restricted.count() == 2


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
    assert Theme.objects.count() == 7
    call_command("load_demo", "--reset", stdout=io.StringIO())
    assert Theme.objects.count() == 7
    assert Action.objects.count() == 42


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

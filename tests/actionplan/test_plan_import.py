"""Importing a whole action plan: a workbook built in code from the demo's 2017/18 plan, laid
out with every trait of the committee paper's appendix, imports as the same plan (XLSX and
CSV); problems are reported by sheet and row; applying is all or nothing."""

import pytest
from django.db import IntegrityError

from actionplan.models import Action, ActionLead, ActionPlan, ExpectedOutcome, Theme
from actionplan.plan_import import services as import_services
from actionplan.plan_import.resolve import NEW, TEXT, name_key, plan_preview
from actionplan.plan_import.services import plan_import_apply
from sosafe.models import Organisation, Partnership
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import read_sheets
from tests.actionplan.plan_workbooks import appendix_csv, appendix_xlsx, plan_data

pytestmark = pytest.mark.django_db

NEXT = FinancialYear(2019)


@pytest.fixture
def demo_plan(demo):
    return ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2017))


def _preview(plan, content, fmt="xlsx", year=NEXT, **kwargs):
    return plan_preview(plan.partnership, year, read_sheets(content, fmt), **kwargs)


def _where(preview):
    return [(p.sheet, p.number, p.reason) for p in preview.problems]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_appendix_workbook_imports_as_the_plan_it_was_made_from(demo_plan, fmt):
    content = appendix_xlsx(demo_plan) if fmt == "xlsx" else appendix_csv(demo_plan)
    preview = _preview(demo_plan, content, fmt)
    assert preview.problems == []
    assert preview.unknown == []
    assert preview.ok
    assert preview.row_count == Action.objects.filter(aim__theme__plan=demo_plan).count()
    if fmt == "xlsx":
        assert preview.layout.plan_sheets == ["Appendix A"]
        assert preview.layout.other_sheets == ["Glossary"]
    ignored = [text for _, text in preview.layout.ignored]
    assert "Action plan 2017/18" in ignored and "Partnership principles" in ignored
    assert "1. Help people feel safe" in ignored  # the introduction's numbered list

    plan = plan_import_apply(partnership=demo_plan.partnership, preview=preview)

    assert plan.year == NEXT and plan.status == ActionPlan.Status.DRAFT
    assert plan.title == "Action plan 2019/20"
    assert plan_data(plan) == plan_data(demo_plan)
    actions = Action.objects.filter(aim__theme__plan=plan)
    assert Action.history.filter(aim__theme__plan=plan).count() == preview.row_count
    assert ActionLead.history.filter(action__in=actions).count() == sum(
        len(row.leads) for row in preview.rows
    )
    action = actions.get(aim__number=1, aim__theme__number=1, letter="a")
    record = action.history.get()
    assert record.history_change_reason == "Imported from a spreadsheet"
    assert {row.organisation_id for row in record.partners.all()} == set(
        action.partners.values_list("pk", flat=True)
    )


def test_numeric_targets_are_recognised_conservatively(demo_plan):
    plan = plan_import_apply(
        partnership=demo_plan.partnership, preview=_preview(demo_plan, appendix_xlsx(demo_plan))
    )
    outcomes = {
        o.text: (o.target, o.unit)
        for o in ExpectedOutcome.objects.filter(action__aim__theme__plan=plan)
    }
    assert outcomes["2 sessions delivered."] == (2, "sessions")
    assert outcomes["100 people in attendance."] == (100, "people")
    assert outcomes["Promote hate crime awareness through at least 2 partnership events."] == (
        2,
        "partnership events",
    )
    assert outcomes[
        "Deliver at least 10 safeguarding training sessions to key line professionals."
    ] == (10, "safeguarding training sessions")
    assert outcomes["Local cybercrime data shared at RAG and JAG every 6 months."] == (None, "")
    assert outcomes["2017/18 Prevent action plan developed."] == (None, "")
    assert outcomes["Funding secured for 2018/19."] == (None, "")


def _find(rows, text):
    return next(n for n, row in enumerate(rows) if any(text in str(cell) for cell in row))


def test_problems_are_reported_by_sheet_and_row(demo_plan):
    def edit(rows):
        # 1.3's aim cell left out: its action a) repeats a letter of aim 1.2
        rows[_find(rows, "1.3 Support offenders")][0] = ""
        # an action above any aim: theme 2's first aim cell cleared
        rows[_find(rows, "2.1 Develop understanding")][0] = ""
        # no lead
        rows[_find(rows, "Commission data for cybercrime")][2] = ""

    edited = {}

    def keep(rows):
        edit(rows)
        edited.update(
            letter=_find(rows, "Continue to support and develop") + 1,
            no_aim=_find(rows, "Arrange and deliver hate crime") + 1,
            no_lead=_find(rows, "Commission data for cybercrime") + 1,
        )

    preview = _preview(demo_plan, appendix_xlsx(demo_plan, edit=keep))
    problems = _where(preview)
    sheet = "Appendix A"
    assert (
        sheet,
        edited["letter"],
        next(p[2] for p in problems if p[1] == edited["letter"]),
    ) in problems
    assert any(
        p[1] == edited["letter"] and "Action a) is used twice in aim 1.2" in p[2] for p in problems
    )
    assert any(p[1] == edited["no_aim"] and "has no aim" in p[2] for p in problems)
    assert any(p[1] == edited["no_lead"] and p[2].startswith("No lead") for p in problems)
    assert all(p[0] == sheet for p in problems)
    assert not preview.ok
    assert preview.problems[0].where.startswith("Sheet 'Appendix A', row ")


def test_an_unknown_lead_is_listed_with_its_rows_and_decided_once(demo_plan):
    partnership = demo_plan.partnership
    rows_of = {}

    def edit(rows):
        for text in ("Arrange and deliver hate crime", "Commission hate crime analysis"):
            n = _find(rows, text)
            rows[n][2] = "SBC Licensing (Licensing Manager)\nNew Trust (Director)"
            rows_of.setdefault("rows", []).append(n + 1)

    content = appendix_xlsx(demo_plan, edit=edit)
    preview = _preview(demo_plan, content)
    unknown = {u.name: u for u in preview.unknown}
    assert set(unknown) == {"SBC Licensing", "New Trust"}
    assert [p.row for p in unknown["SBC Licensing"].places] == rows_of["rows"]
    assert unknown["SBC Licensing"].as_lead
    assert unknown["SBC Licensing"].suggestion.short_name == "SBC"
    assert not preview.ok and preview.problems == []

    sbc = Organisation.objects.get(partnership=partnership, short_name="SBC")
    decisions = {name_key("SBC Licensing"): str(sbc.pk), name_key("New Trust"): NEW}
    preview = _preview(demo_plan, content, decisions=decisions)
    assert preview.ok
    plan = plan_import_apply(partnership=partnership, preview=preview)
    action = Action.objects.get(aim__theme__plan=plan, text__startswith="Arrange and deliver")
    leads = {(lead.organisation.short_name, lead.officer_role) for lead in action.leads.all()}
    assert leads == {("SBC", "Licensing Manager"), ("New Trust", "Director")}
    assert Organisation.objects.filter(partnership=partnership, name="New Trust").count() == 1


def test_a_partner_that_is_not_an_organisation_may_stay_text(demo_plan):
    def edit(rows):
        rows[_find(rows, "Arrange and deliver hate crime")][3] = "Police\nFaith Forum"

    content = appendix_xlsx(demo_plan, edit=edit)
    preview = _preview(demo_plan, content, decisions={name_key("Faith Forum"): TEXT})
    assert preview.ok
    plan = plan_import_apply(partnership=demo_plan.partnership, preview=preview)
    action = Action.objects.get(aim__theme__plan=plan, text__startswith="Arrange and deliver")
    assert action.other_partners == "Faith Forum"
    assert [o.short_name for o in action.partners.all()] == ["Police"]

    # a lead is always an organisation: "text" does not decide it
    def lead_too(rows):
        edit(rows)
        rows[_find(rows, "Arrange and deliver hate crime")][2] = "New Trust (Director)"

    content = appendix_xlsx(demo_plan, edit=lead_too)
    preview = _preview(demo_plan, content, year=FinancialYear(2019), decisions={"*": TEXT})
    assert [u.name for u in preview.undecided] == ["New Trust"]
    assert not preview.ok


def test_a_year_with_a_plan_refuses_and_an_empty_draft_is_filled(demo_plan):
    content = appendix_csv(demo_plan)
    preview = _preview(demo_plan, content, "csv", year=demo_plan.year)
    assert preview.problems[0].number == 0
    assert "already exists" in preview.problems[0].reason
    empty = ActionPlan.objects.create(
        partnership=demo_plan.partnership, year=NEXT, title="SoSafe plan 2019/20"
    )
    preview = _preview(demo_plan, content, "csv")
    assert preview.ok and preview.plan == empty
    plan = plan_import_apply(partnership=demo_plan.partnership, preview=preview)
    assert plan.pk == empty.pk and plan.title == "SoSafe plan 2019/20"
    assert Theme.objects.filter(plan=empty).count() == len(preview.themes)


def test_applying_is_all_or_nothing(demo_plan, monkeypatch):
    partnership = demo_plan.partnership

    def edit(rows):
        rows[_find(rows, "Arrange and deliver hate crime")][2] = "New Trust (Director)"

    preview = _preview(demo_plan, appendix_xlsx(demo_plan, edit=edit), decisions={"*": NEW})
    assert preview.ok
    before = (
        ActionPlan.objects.count(),
        Organisation.objects.count(),
        Action.objects.count(),
        ExpectedOutcome.objects.count(),
    )

    def fail(objs, model, **kwargs):
        if model is ExpectedOutcome:
            raise IntegrityError("the last rows failed")
        return real(objs, model, **kwargs)

    real = import_services.bulk_create_with_history
    monkeypatch.setattr(import_services, "bulk_create_with_history", fail)
    with pytest.raises(IntegrityError):
        plan_import_apply(partnership=partnership, preview=preview)
    after = (
        ActionPlan.objects.count(),
        Organisation.objects.count(),
        Action.objects.count(),
        ExpectedOutcome.objects.count(),
    )
    assert after == before
    assert not Partnership.objects.get(pk=partnership.pk).organisations.filter(name="New Trust")

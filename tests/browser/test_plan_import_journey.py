"""A coordinator imports next year's plan from a workbook: the upload form (and its error
state), the preview with an unknown organisation mapped to an existing one, the plan created;
every page passes axe and reflows at 320px."""

import re

import pytest
from playwright.sync_api import expect

from actionplan.models import Action, ActionPlan
from sosafe.periods import FinancialYear
from tests.actionplan.plan_workbooks import appendix_xlsx
from tests.browser.conftest import assert_accessible, assert_reflows, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unknown_lead(rows):
    n = next(i for i, row in enumerate(rows) if len(row) > 1 and "Arrange and deliver" in row[1])
    rows[n][2] = "SBC Licensing (Licensing Manager)"


def test_coordinator_uploads_maps_and_applies_a_plan(page, live_server, demo, tmp_path):
    plan_2017 = ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2017))
    workbook = tmp_path / "action-plan-2019-20.xlsx"
    workbook.write_bytes(appendix_xlsx(plan_2017, edit=_unknown_lead))
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}{plan_2017.get_absolute_url()}")
    page.get_by_role("link", name="Import a plan from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an action plan")
    expect(page.get_by_label("Financial year of the plan")).to_have_value("2019-20")
    assert_accessible(page)

    page.get_by_role("button", name="Check the plan").click()  # no file
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert").filter(has_text="to fix")
    expect(summary).to_contain_text("This field is required.")
    assert_accessible(page)

    page.get_by_label("The action plan (CSV or Excel .xlsx)").set_input_files(str(workbook))
    page.get_by_role("button", name="Check the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the 2019/20 plan before importing"
    )
    expect(page.locator("#import-summary")).to_contain_text("7 themes, 23 aims and 42 actions")
    expect(page.get_by_role("table", name=re.compile(r"^Aim 2\.1 "))).to_contain_text(
        "SBC Licensing (Licensing Manager)"
    )
    choice = page.get_by_label("Lead “SBC Licensing”")
    expect(choice).to_be_visible()
    assert_accessible(page)
    assert_reflows(page)

    choice.select_option(label="SBC – Stevenage Borough Council")
    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan 2019/20")
    expect(page.get_by_text(re.compile("is a draft with 42 actions"))).to_be_visible()
    plan = ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2019))
    action = Action.objects.get(aim__theme__plan=plan, text__startswith="Arrange and deliver")
    lead = action.leads.get()
    assert (lead.organisation.short_name, lead.officer_role) == ("SBC", "Licensing Manager")

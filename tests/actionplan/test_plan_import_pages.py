"""The coordinator's plan import in the browser's requests: upload for a year, the preview (the
plan's tree, every problem by sheet and row, a choice per unknown organisation), confirm."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actionplan.models import Action, ActionPlan
from actionplan.plan_import.resolve import name_key
from sosafe.models import Organisation
from sosafe.periods import FinancialYear
from tests.actionplan.plan_workbooks import appendix_xlsx

pytestmark = pytest.mark.django_db

UPLOAD = reverse("actionplan:plan-import", args=["sosafe"])
# the session, user and membership; the years with a plan (2) and the latest; the year's plan;
# organisations, groups and other partners; the organisations to map to; the session saved (3)
QUERIES = 14
CONFIRM = reverse("actionplan:plan-import-confirm", args=["sosafe"])


@pytest.fixture
def demo_plan(demo):
    return ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2017))


def _client(username="coordinator") -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _with_unknown_lead(rows):
    n = next(i for i, row in enumerate(rows) if len(row) > 1 and "Arrange and deliver" in row[1])
    rows[n][2] = "SBC Licensing (Licensing Manager)"


def _upload(client, content, year="2019-20", name="plan.xlsx"):
    return client.post(UPLOAD, {"year": year, "file": SimpleUploadedFile(name, content)})


def test_the_upload_page_offers_years_without_a_plan(demo_plan):
    response = _client().get(UPLOAD)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="2019-20" selected>2019/20</option>' in html
    assert 'value="2017-18"' not in html
    assert _client("officer").get(UPLOAD).status_code == 403


def test_the_upload_form_keeps_its_errors(demo_plan):
    response = _client().post(UPLOAD, {"year": "2017-18"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Financial year of the plan: Select a valid choice." in html
    assert "This field is required." in html


def test_preview_then_map_an_unknown_lead_and_apply(demo_plan):
    client = _client()
    response = _upload(client, appendix_xlsx(demo_plan, edit=_with_unknown_lead))
    assert response.status_code == 200
    html = response.content.decode()
    assert "7 themes, 23 aims and 42 actions, as a new draft plan" in html
    assert "Lead “SBC Licensing”" in html
    key = name_key("SBC Licensing")
    sbc = Organisation.objects.get(partnership=demo_plan.partnership, short_name="SBC")
    assert re.search(rf'<option value="{sbc.pk}" selected>', html)  # suggested: SBC
    assert (
        "1. Antisocial behaviour" in html
        and "Theme" not in re.findall(r"<h3[^>]*>([^<]*)", html)[1]
    )
    token = response.context["token"]

    refused = client.post(CONFIRM, {"token": token, "year": "2019-20", key: ""})
    assert refused.status_code == 422
    assert "Choose what “SBC Licensing” is." in refused.content.decode()
    assert not ActionPlan.objects.filter(year=FinancialYear(2019)).exists()

    done = client.post(CONFIRM, {"token": token, "year": "2019-20", key: str(sbc.pk)})
    plan = ActionPlan.objects.get(partnership=demo_plan.partnership, year=FinancialYear(2019))
    assert done.status_code == 302 and done["Location"] == plan.get_absolute_url()
    action = Action.objects.get(aim__theme__plan=plan, text__startswith="Arrange and deliver")
    assert [(lead.organisation, lead.officer_role) for lead in action.leads.all()] == [
        (sbc, "Licensing Manager")
    ]
    assert client.get(plan.get_absolute_url()).status_code == 200
    again = client.post(CONFIRM, {"token": token, "year": "2019-20", key: str(sbc.pk)})
    assert again.status_code == 302 and again["Location"] == UPLOAD  # used up


def test_problems_are_listed_by_sheet_and_row_and_nothing_applies(demo_plan):
    def edit(rows):
        n = next(i for i, row in enumerate(rows) if row and "1.3 Support" in str(row[0]))
        rows[n][0] = ""
        edit.row = n + 1

    client = _client()
    response = _upload(client, appendix_xlsx(demo_plan, edit=edit))
    html = response.content.decode()
    assert (
        f"Sheet &#x27;Appendix A&#x27;, row {edit.row}: Action a) is used twice in aim 1.2" in html
    )
    assert "Import the plan</button>" not in html
    refused = client.post(CONFIRM, {"token": response.context["token"], "year": "2019-20"})
    assert refused.status_code == 422
    assert not ActionPlan.objects.filter(year=FinancialYear(2019)).exists()


def test_a_file_that_is_not_a_plan(demo_plan):
    response = _upload(_client(), b"Name,Address\nA,B\n", name="people.csv")
    assert response.status_code == 200
    assert "No sheet has the plan&#x27;s column headings" in response.content.decode()
    assert "<title>Error: " in response.content.decode()


def test_the_preview_asks_the_same_queries_whatever_the_plans_size(
    demo_plan, django_assert_num_queries
):
    def first_theme_only(rows):
        cut = next(i for i, row in enumerate(rows) if row and str(row[0]).startswith("Theme 2"))
        del rows[cut:]

    client = _client()
    for edit in (first_theme_only, _with_unknown_lead):
        content = appendix_xlsx(demo_plan, edit=edit)
        with django_assert_num_queries(QUERIES):
            assert _upload(client, content).status_code == 200

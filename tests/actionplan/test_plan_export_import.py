"""The portal's own plan download is a plan workbook: imported into another year, it creates
the same plan (themes, aims, actions, leads, partners, resources, outcomes)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from actionplan.models import ActionPlan
from actionplan.plan_import.resolve import plan_preview
from actionplan.plan_import.services import plan_import_apply
from sosafe.periods import FinancialYear
from sosafe.spreadsheets import read_sheets
from tests.actionplan.plan_workbooks import plan_data

pytestmark = pytest.mark.django_db


def test_a_downloaded_plan_imports_as_the_same_plan(demo, client):
    source = ActionPlan.objects.get(partnership__slug="sosafe", year=FinancialYear(2017))
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.get(reverse("actionplan:plan-export", args=["sosafe", source.year.slug]))
    assert response.status_code == 200

    year = FinancialYear(2019)
    preview = plan_preview(source.partnership, year, read_sheets(response.content, "xlsx"))
    assert preview.problems == []
    assert preview.unknown == []

    plan = plan_import_apply(partnership=source.partnership, preview=preview)
    assert plan.year == year
    assert plan_data(plan) == plan_data(source)

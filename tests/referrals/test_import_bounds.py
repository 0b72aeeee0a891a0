"""Counts too large for the database's integer column are refused with a message, on SQLite as
on PostgreSQL: in the import's preview, on confirmation, in the grid and in the model."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from referrals.imports import plan_import
from referrals.models import ReferralReturn
from tests.factories import ReferralReturnFactory
from tests.referrals.conftest import QUARTER

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"
JUST_OVER = "2147483648"


def counts_csv(*lines: str) -> bytes:
    return ("service,year,quarter,source,count\n" + "\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("count", [HUGE, JUST_OVER])
def test_the_preview_refuses_a_count_the_column_cannot_hold(world, services, count):
    plan = plan_import(
        world.partnership, counts_csv(f"Alpha Service,2025/26,Q1,total,{count}"), "csv"
    )
    (problem,) = plan.problems
    assert problem.number == 2
    assert "too large" in problem.reason and "2,147,483,647" in problem.reason


def test_the_largest_count_the_column_holds_is_imported(world, services):
    plan = plan_import(
        world.partnership, counts_csv("Alpha Service,2025/26,Q1,total,2147483647"), "csv"
    )
    assert plan.ok


def test_a_breakdown_whose_sum_overflows_is_refused(world, services, monkeypatch):
    plan = plan_import(
        world.partnership,
        counts_csv(
            "Alpha Service,2025/26,Q1,other,2147483647",
            "Alpha Service,2025/26,Q1,self-referral,1",
        ),
        "csv",
    )
    (problem,) = plan.problems
    assert problem.number == 2 and "2,147,483,648" in problem.reason
    # The service checks it too, whatever a caller planned.
    monkeypatch.setattr("referrals.imports._group_errors", lambda group: [])
    upload = io.BytesIO(
        counts_csv(
            "Alpha Service,2025/26,Q1,other,2147483647",
            "Alpha Service,2025/26,Q1,self-referral,1",
        )
    )
    upload.name = "counts.csv"
    client = world.client_for("coordinator")
    slug = world.partnership.slug
    preview = client.post(reverse("referrals:return-import", args=[slug]), {"file": upload})
    confirmed = client.post(
        reverse("referrals:return-import-confirm", args=[slug]), {"token": preview.context["token"]}
    )
    assert confirmed.status_code == 422
    assert "2,147,483,647 or less" in confirmed.content.decode()
    assert not ReferralReturn.objects.exists()


@pytest.mark.parametrize("count", [HUGE, JUST_OVER])
def test_the_grid_refuses_a_count_the_column_cannot_hold(world, services, count):
    url = reverse("referrals:return-grid", args=[world.partnership.slug]) + f"?quarter={QUARTER}"
    response = world.client_for("coordinator").post(url, {f"count_{services.own.pk}": count})
    assert response.status_code == 200
    assert "2,147,483,647 or less" in response.content.decode()
    assert not ReferralReturn.objects.exists()


def test_the_model_says_what_the_column_holds(world, services):
    referral_return = ReferralReturnFactory.build(service=services.own, total=2147483648)
    with pytest.raises(ValidationError, match="2,147,483,647 or less"):
        referral_return.full_clean()

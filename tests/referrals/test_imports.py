import io
import re

import openpyxl
import pytest
from django.urls import reverse

from referrals.imports import plan_import
from referrals.models import ReferralReturn
from referrals.services import counts_import
from sosafe.spreadsheets import SpreadsheetError
from sosafe.spreadsheets.pending import SESSION_KEY, is_pending
from tests.factories import ReferralReturnFactory, SourceCountFactory
from tests.referrals.conftest import QUARTER

HEADER = "service,year,quarter,source,count\n"


def csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Service", "Year", "Quarter", "Source", "Count", "Comment"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_good_file_is_previewed_then_applied(world, services):
    existing = ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=3)
    content = csv(
        "Alpha Service,2025/26,Q1,total,4",
        "Alpha Service,2025/26,Q2,,9",
        "Alpha Service,2025/26,Q2,HFRS,6",
        "Alpha Service,2025/26,Q2,self-referral,3",
        "beta service,2025-26,2,Other,5",
    )
    plan = plan_import(world.partnership, content, "csv")
    assert plan.ok and plan.row_count == 5
    actions = {(g.service.name, g.quarter.number): g.action for g in plan.rows}
    assert actions == {
        ("Alpha Service", 1): "count 3 → 4",
        ("Alpha Service", 2): "new return",
        ("Beta Service", 2): "new return",
    }
    assert not ReferralReturn.objects.filter(quarter=2).exists()  # a preview writes nothing
    applied = counts_import(membership=world.coordinator, groups=plan.rows)
    assert applied == 3
    existing.refresh_from_db()
    assert (existing.total, existing.version) == (4, 2)
    q2 = ReferralReturn.objects.get(service=services.own, quarter=2)
    assert q2.total == 9
    assert {s.label: s.count for s in q2.sources.select_related("organisation")} == {
        "HFRS": 6,
        "Self-referral": 3,
    }
    assert ReferralReturn.objects.get(service=services.other).total == 5


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_applied(world, services):
    ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=3)
    content = csv(
        "Alpha Service,2025/26,Q1,total,4",  # row 2: fine on its own
        "Alpha Service,2025/26,Q2,total,-3",  # row 3: negative
        "Gamma Service,2025/26,Q2,total,5",  # row 4: unknown service
        "Beta Service,2025/27,Q2,total,5",  # row 5: not a financial year
        "Alpha Service,2025/26,Q1,total,4",  # row 6: duplicate of row 2
        "Beta Service,2025/26,Q3,total,2.5",  # row 7: not a whole number
        "Beta Service,2025/26,Q3,Nowhere Council,2",  # row 8: unknown source
        "Beta Service,2025/26,Q5,total,2",  # row 9: no such quarter
        "",  # row 10: blank, skipped
        ",,,,",  # row 11: blank, skipped
        "Beta Service,2025/26,Q4,total,",  # row 12: count missing
    )
    plan = plan_import(world.partnership, content, "csv")
    assert not plan.ok
    reasons = {error.number: error.reason for error in plan.problems}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 12]
    assert "negative" in reasons[3]
    assert "unknown service “Gamma Service”" in reasons[4]
    assert "“2025/27” is not a financial year" in reasons[5] and "2025/26" in reasons[5]
    assert "duplicate of row 2" in reasons[6]
    assert "“2.5” is not a whole number" in reasons[7]
    assert "unknown source “Nowhere Council”" in reasons[8]
    assert "not Q1, Q2, Q3 or Q4" in reasons[9]
    assert "count is missing" in reasons[12]


def test_the_bad_file_through_the_pages_applies_nothing(world, services):
    existing = ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=3)
    client = world.client_for("coordinator")
    slug = world.partnership.slug
    upload = io.BytesIO(
        csv(
            "Alpha Service,2025/26,Q1,total,4",
            "Alpha Service,2025/26,Q2,total,-3",
            "Gamma Service,2025/26,Q2,total,5",
            "Beta Service,2025/27,Q2,total,5",
            "Alpha Service,2025/26,Q1,total,4",
        )
    )
    upload.name = "counts.csv"
    response = client.post(reverse("referrals:return-import", args=[slug]), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "4 rows to fix before anything can be imported" in page
    for row in ("3", "4", "5", "6"):
        assert re.search(rf'<th scope="row">{row}</th>', page)
    assert "Import 1 return" not in page  # no confirm button
    # Posting the confirmation anyway applies nothing.
    confirm_url = reverse("referrals:return-import-confirm", args=[slug])
    assert client.post(confirm_url, {"token": response.context["token"]}).status_code == 422
    existing.refresh_from_db()
    assert (existing.total, existing.version) == (3, 1)
    assert ReferralReturn.objects.count() == 1


def test_a_good_xlsx_through_the_pages_is_kept_between_preview_and_confirm(world, services):
    client = world.client_for("coordinator")
    slug = world.partnership.slug
    upload = io.BytesIO(
        xlsx(
            [
                ["Alpha Service", "2025/26", "Q1", "total", 12, "ignored"],
                ["Alpha Service", "2025/26", "Q1", "Self-referral", 12.0, None],
                ["Beta Service", "2024/25", 4, None, 0, None],
            ]
        )
    )
    upload.name = "Counts.XLSX"
    response = client.post(reverse("referrals:return-import", args=[slug]), {"file": upload})
    token = response.context["token"]
    assert is_pending(client, token)
    page = response.content.decode()
    assert "Import 2 returns" in page
    assert not ReferralReturn.objects.exists()
    confirm_url = reverse("referrals:return-import-confirm", args=[slug])
    confirmed = client.post(confirm_url, {"token": token})
    assert confirmed.status_code == 302
    assert ReferralReturn.objects.get(service=services.own).sources.get().count == 12
    assert ReferralReturn.objects.get(service=services.other).total == 0
    assert not is_pending(client, token)
    # The token is spent: going back says so instead of importing twice.
    again = client.post(confirm_url, {"token": token})
    assert again.status_code == 302 and again["Location"].endswith("/import/")
    assert ReferralReturn.objects.count() == 2


def test_breakdown_rows_must_add_up_to_the_total_row(world, services):
    content = csv(
        "Alpha Service,2025/26,Q1,total,10",
        "Alpha Service,2025/26,Q1,HFRS,4",
        "Alpha Service,2025/26,Q1,other,5",
    )
    plan = plan_import(world.partnership, content, "csv")
    assert [
        (e.number, "rows 3, 4" in e.reason and "add up to 9, not the total 10" in e.reason)
        for e in plan.problems
    ] == [(2, True)]


def test_a_total_that_breaks_a_saved_breakdown_is_an_error(world, services):
    saved = ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=4)
    SourceCountFactory(referral_return=saved, kind="other", count=4)
    plan = plan_import(world.partnership, csv("Alpha Service,2025/26,Q1,total,6"), "csv")
    assert "already has a breakdown" in plan.problems[0].reason
    plan = plan_import(world.partnership, csv("Alpha Service,2025/26,Q1,total,4"), "csv")
    assert plan.ok and plan.rows[0].action == "unchanged"


def test_a_file_without_the_columns_or_unreadable_is_refused(world, services):
    with pytest.raises(SpreadsheetError, match="missing: quarter, source"):
        plan_import(world.partnership, b"service,year,count\nAlpha Service,2025/26,3\n", "csv")
    with pytest.raises(SpreadsheetError, match="XLSX file could not be read"):
        plan_import(world.partnership, b"not a workbook", "xlsx")


@pytest.mark.parametrize("persona", ["officer", "other_officer", "member", "scrutiny"])
def test_only_managers_import(world, services, persona):
    upload = io.BytesIO(csv("Alpha Service,2025/26,Q1,total,4"))
    upload.name = "counts.csv"
    url = reverse("referrals:return-import", args=[world.partnership.slug])
    assert world.client_for(persona).post(url, {"file": upload}).status_code == 403
    assert not ReferralReturn.objects.exists()


def test_upload_form_refuses_other_file_types(world, services):
    upload = io.BytesIO(b"hello")
    upload.name = "counts.pdf"
    url = reverse("referrals:return-import", args=[world.partnership.slug])
    page = world.client_for("coordinator").post(url, {"file": upload}).content.decode()
    assert "Upload a .csv or .xlsx file." in page


def test_an_export_of_all_counts_imports_back_unchanged(world, services):
    saved = ReferralReturnFactory(service=services.own, year=QUARTER.year, quarter=1, total=4)
    SourceCountFactory(referral_return=saved, kind="other", count=1)
    SourceCountFactory(
        referral_return=saved, kind="organisation", organisation=world.other_org, count=3
    )
    response = world.client_for("coordinator").get(
        reverse("referrals:return-export", args=[world.partnership.slug, "xlsx"])
    )
    plan = plan_import(world.partnership, response.content, "xlsx")
    assert plan.ok and plan.row_count == 3
    assert [g.action for g in plan.rows] == ["unchanged"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("admin", 302),
        ("coordinator", 302),
        ("officer", 403),
        ("other_officer", 403),
        ("member", 403),
        ("scrutiny", 403),
        ("outsider", 404),
    ],
)
def test_import_preview_per_persona(world, services, persona, status):
    # No upload is waiting under this token: managers are sent back to upload the file again.
    url = reverse("referrals:return-import-confirm", args=[world.partnership.slug])
    for method in ("get", "post"):
        response = getattr(world.client_for(persona), method)(url, {"token": "no-such"})
        if method == "get":
            assert response.status_code == 405  # confirming is a POST, whoever asks
            continue
        assert response.status_code == status
        if persona in ("admin", "coordinator"):
            assert response["Location"].endswith("/referrals/import/")
    assert not ReferralReturn.objects.exists()


def test_an_upload_of_one_partnership_cannot_be_confirmed_in_another(world, services):
    client = world.client_for("coordinator")
    upload = io.BytesIO(csv("Alpha Service,2025/26,Q1,total,4"))
    upload.name = "counts.csv"
    response = client.post(
        reverse("referrals:return-import", args=[world.partnership.slug]), {"file": upload}
    )
    token = response.context["token"]
    session = client.session
    session[SESSION_KEY][token]["partnership"] = "elsewhere"
    session.save()
    confirm_url = reverse("referrals:return-import-confirm", args=[world.partnership.slug])
    confirmed = client.post(confirm_url, {"token": token})
    assert confirmed.status_code == 302 and confirmed["Location"].endswith("/import/")
    assert not ReferralReturn.objects.exists()

"""Spreadsheets in and out: preview first, every bad row named, then all rows or none."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import BidStatus, FundingBid
from sosafe.spreadsheets.pending import is_pending
from tests.factories import (
    FundingBidFactory,
    ObjectiveFactory,
    OrganisationFactory,
    StrategyFactory,
)
from tests.funding.conftest import url

pytestmark = pytest.mark.django_db

HEADER = [
    "Title", "Funder", "Delivering organisation", "Delivering team", "Objectives",
    "Amount requested", "Amount awarded", "Status", "Date submitted", "Date of decision",
    "Date funding received", "Dates are", "Notes",
]  # fmt: skip


def csv_file(rows, header=HEADER, name="bids.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, header=HEADER, name="bids.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def strategy_objective(world):
    strategy = StrategyFactory(partnership=world.partnership, start_year=2018, end_year=2021)
    return ObjectiveFactory(strategy=strategy, number=4, title="Tackle ASB")


GOOD = [
    ["Community Reassurance", "police and crime commissioner", "SBC", "Community Safety",
     "2018-2021/4", "", "£3,000", "Successful", "", "", "01/04/2017", "Month only", ""],
    ["Healthy Relationship course", "Police and Crime Commissioner", "", "SoSafe partnership",
     "", "", "", "unsuccessful", "", "", "", "", "Amount not given"],
    ["Cameras", "Police and Crime Commissioner", "Organisation of the test", "",
     "", "9000", "", "Submitted", "2018-01-15", "", "", "", ""],
]  # fmt: skip


def test_a_good_file_is_previewed_then_applied_in_full(world, funder, strategy_objective):
    world.lead_org.name = "Organisation of the test"
    world.lead_org.save()
    client = world.client_for("coordinator")
    preview = client.post(url("bid-import", world), {"file": csv_file(GOOD)})
    report = preview.context["report"]
    assert report.ok and not report.problems
    assert [(r.number, r.action, r.title) for r in report.rows] == [
        (2, "Add", "Community Reassurance"),
        (3, "Add", "Healthy Relationship course"),
        (4, "Add", "Cameras"),
    ]
    assert not FundingBid.objects.exists()  # a preview saves nothing

    response = client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    assert response.status_code == 302
    bids = {bid.title: bid for bid in FundingBid.objects.all()}
    assert set(bids) == {"Community Reassurance", "Healthy Relationship course", "Cameras"}
    reassurance = bids["Community Reassurance"]
    assert reassurance.amount_awarded == Decimal("3000.00")
    assert reassurance.received_on == datetime.date(2017, 4, 1)
    assert reassurance.date_precision == "month"
    assert reassurance.funder == funder
    assert reassurance.organisation == world.lead_org
    assert list(reassurance.objectives.all()) == [strategy_objective]
    assert bids["Healthy Relationship course"].amount_requested is None
    assert bids["Cameras"].organisation == world.lead_org
    assert bids["Cameras"].amount_requested == Decimal("9000.00")
    change = reassurance.status_changes.get()
    assert (change.to_status, change.changed_by) == ("successful", world.coordinator.user)
    assert "bids.csv" in change.note
    assert not is_pending(client, preview.context["token"])
    # The same preview cannot be applied twice.
    again = client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    assert again["Location"] == url("bid-import", world)
    assert FundingBid.objects.count() == 3


BAD = [
    GOOD[0],
    ["Youth mentoring", "Police and Crime Commissioner", "", "", "", "£1,2,3", "", "Submitted",
     "01/02/2018", "", "", "", ""],
    ["Lottery bid", "National Lottery", "", "", "", "", "", "Draft", "", "", "", "", ""],
    GOOD[1],
    ["SADA forum", "Police and Crime Commissioner", "", "", "", "", "£2,000", "Unsuccessful",
     "", "", "", "", ""],
    ["Allotment", "Police and Crime Commissioner", "", "", "", "", "", "Submitted",
     "31/02/2018", "", "", "", ""],
    ["Many things wrong", "Nobody", "Nowhere", "", "2099-2100/9", "lots", "", "Won",
     "", "", "", "", ""],
]  # fmt: skip


def test_bad_rows_are_each_named_and_nothing_is_applied(world, funder, strategy_objective):
    client = world.client_for("coordinator")
    preview = client.post(url("bid-import", world), {"file": csv_file(BAD)})
    report = preview.context["report"]
    assert not report.ok
    problems = {p.number: " | ".join(p.messages) for p in report.problems}
    assert sorted(problems) == [3, 4, 6, 7, 8]
    assert "Amount requested: “£1,2,3” is not an amount of money" in problems[3]
    assert "Funder: No funder called “National Lottery” in this partnership" in problems[4]
    assert "Amount awarded: An amount awarded is only for a successful bid" in problems[6]
    assert "Date submitted: “31/02/2018” is not a date; write it like 31/03/2018." in problems[7]
    for says in ("Funder: No funder called “Nobody”", "Delivering organisation: No organisation",
                 "Objectives: No objective “2099-2100/9”", "Amount requested: “lots”",
                 "Status: “Won” is not a status"):  # fmt: skip
        assert says in problems[8]
    page = preview.content.decode()
    assert "5 rows cannot be imported, so nothing will be" in page
    assert "Row 3" in page and "Youth mentoring" in page
    assert "bid-import-confirm" not in page and "Import these" not in page
    assert not FundingBid.objects.exists()

    # Even if the confirmation is forced, the good rows are not applied without the bad ones.
    token = preview.context["token"]
    forced = client.post(url("bid-import-confirm", world), {"token": token})
    assert forced.status_code == 422
    assert "No row was applied" in forced.content.decode()
    assert not FundingBid.objects.exists()


def test_a_file_that_turns_bad_before_confirming_applies_nothing(world, funder, strategy_objective):
    client = world.client_for("coordinator")
    preview = client.post(url("bid-import", world), {"file": csv_file(GOOD[:2])})
    assert preview.context["report"].ok
    funder.name = "Office of the PCC"  # renamed between preview and confirmation
    funder.save()
    response = client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    assert response.status_code == 422
    numbers = [p.number for p in response.context["report"].problems]
    assert numbers == [2, 3]
    assert not FundingBid.objects.exists()


def test_an_excel_file_with_real_dates_and_numbers(world, funder):
    rows = [
        ["Fly-tipping", "Police and Crime Commissioner", "SBC", "Fly Tipping Task Force", None,
         None, 7706.25, "Successful", None, None, datetime.datetime(2018, 3, 1), "Month only",
         None],
    ]  # fmt: skip
    client = world.client_for("coordinator")
    preview = client.post(url("bid-import", world), {"file": xlsx_file(rows)})
    assert preview.context["report"].ok, preview.context["report"].problems
    client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    bid = FundingBid.objects.get()
    assert bid.amount_awarded == Decimal("7706.25")
    assert bid.received_on == datetime.date(2018, 3, 1)


def test_export_then_import_updates_by_id_and_follows_the_pipeline(world, submitted_bid):
    client = world.client_for("coordinator")
    exported = client.get(url("bid-export", world, "xlsx"))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:3] == ["ID", "Title", "Funder"]
    row = dict(zip(header, rows[1], strict=True))
    assert row["ID"] == submitted_bid.pk
    assert row["Amount requested"] == 9000
    assert row["Status"] == "Submitted"
    assert row["Financial year"] == "2017/18"

    # Unchanged, the sheet comes back as no change at all.
    unchanged = client.post(url("bid-import", world), {"file": xlsx_file(rows[1:], header=header)})
    assert [r.action for r in unchanged.context["report"].rows] == ["No change"]

    decided = dict(row, **{"Status": "Successful", "Amount awarded": "£8,500.00",
                           "Date of decision": "01/03/2018"})  # fmt: skip
    preview = client.post(
        url("bid-import", world), {"file": xlsx_file([list(decided.values())], header=header)}
    )
    plan = preview.context["report"].rows
    assert [r.action for r in plan] == ["Update"]
    assert "Status: Submitted, awaiting decision → Successful" in plan[0].changes
    client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    submitted_bid.refresh_from_db()
    assert (submitted_bid.status, submitted_bid.amount_awarded) == (
        "successful",
        Decimal("8500.00"),
    )
    assert submitted_bid.version == 2
    assert submitted_bid.status_changes.get().from_status == "submitted"

    back_to_draft = dict(decided, **{"Status": "Draft", "Amount awarded": ""})
    refused = client.post(
        url("bid-import", world), {"file": xlsx_file([list(back_to_draft.values())], header=header)}
    )
    (problem,) = refused.context["report"].problems
    assert "Status: A bid that is Successful cannot become Draft" in problem.messages[0]


def test_an_id_from_another_partnership_is_refused(world, funder):
    theirs = FundingBidFactory(partnership=world.other_partnership, title="Theirs")
    client = world.client_for("coordinator")
    rows = [[theirs.pk, "Mine now", "", "Draft"]]
    preview = client.post(
        url("bid-import", world),
        {"file": csv_file(rows, header=["ID", "Title", "Funder", "Status"])},
    )
    (problem,) = preview.context["report"].problems
    assert problem.messages == [
        f"ID: No bid with ID {theirs.pk} in this partnership; leave ID empty for a new bid."
    ]
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


@pytest.mark.parametrize(
    ("upload", "says"),
    [
        (SimpleUploadedFile("bids.txt", b"Title,Status\nx,Draft\n"), "Upload a .csv or .xlsx"),
        (SimpleUploadedFile("bids.csv", b"Name,Amount\nx,1\n"), "no “Title” or “Status” column"),
        (SimpleUploadedFile("bids.csv", b"Title,Status\n"), "no rows of bids"),
        (SimpleUploadedFile("bids.xlsx", b"not a workbook"), "could not be read as an Excel"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(world, upload, says):
    response = world.client_for("coordinator").post(url("bid-import", world), {"file": upload})
    assert says in response.context["form"].errors["file"][0]
    assert response.context["report"] is None


def test_csv_saved_by_excel_in_windows_encoding_is_read(world, funder):
    content = (
        "Title,Funder,Amount requested,Status\nCameras,Police and Crime Commissioner,£900,Draft\n"
    )
    upload = SimpleUploadedFile("bids.csv", content.encode("cp1252"))
    client = world.client_for("coordinator")
    preview = client.post(url("bid-import", world), {"file": upload})
    assert preview.context["report"].ok
    client.post(url("bid-import-confirm", world), {"token": preview.context["token"]})
    assert FundingBid.objects.get().amount_requested == Decimal("900.00")


def test_csv_export_follows_the_list_filters(world, submitted_bid, successful_bid):
    OrganisationFactory(partnership=world.partnership)
    response = world.client_for("member").get(
        url("bid-export", world, "csv"), {"status": BidStatus.SUCCESSFUL}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="funding-bids-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["Title"] for r in rows] == ["Community reassurance"]
    assert rows[0]["Amount awarded"] == "3000.00"
    assert rows[0]["Spent"] == "0.00"
    assert rows[0]["Date funding received"] == "2017-04-10"


def test_row_numbers_match_the_spreadsheet_even_with_blank_rows(world, funder):
    rows = [
        ["Good", "Police and Crime Commissioner", "", "Draft", "x"],
        ["", "", "", "", ""],
        ["Bad", "Police and Crime Commissioner", "£1.234", "Draft", ""],
    ]
    header = ["Title", "Funder", "Amount requested", "Status", "Our own column"]
    preview = world.client_for("coordinator").post(
        url("bid-import", world), {"file": csv_file(rows, header=header)}
    )
    report = preview.context["report"]
    assert [(p.number, p.label) for p in report.problems] == [(4, "Bad")]
    assert "more than two digits after the point" in report.problems[0].messages[0]
    assert report.unused_columns == ["Our own column"]
    assert "Columns not used by the import: Our own column" in preview.content.decode()

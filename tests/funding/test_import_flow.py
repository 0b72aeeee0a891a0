"""The bid import on the shared flow: it saves through funding.services, all rows or none,
refuses formulas and keeps its preview short."""

import re

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import BidStatusChange, FundingBid
from tests.funding.conftest import url
from tests.funding.test_import_export import csv_file, xlsx_file

pytestmark = pytest.mark.django_db
HEADER = ["ID", "Title", "Funder", "Status"]


def preview_and_confirm(client, world, upload):
    preview = client.post(url("bid-import", world), {"file": upload})
    return preview, client.post(
        url("bid-import-confirm", world), {"token": preview.context["token"]}
    )


def test_rows_are_saved_through_the_services(world, funder, submitted_bid, monkeypatch):
    calls = []
    for name in ("bid_create", "bid_update"):
        real = getattr(services, name)
        monkeypatch.setattr(
            services, name, lambda _real=real, _name=name, **kw: calls.append(_name) or _real(**kw)
        )
    rows = [
        ["", "New bid", funder.name, "Draft"],
        [submitted_bid.pk, submitted_bid.title, funder.name, "Withdrawn"],
    ]
    client = world.client_for("coordinator")
    _, confirmed = preview_and_confirm(client, world, csv_file(rows, header=HEADER))
    assert confirmed.status_code == 302
    assert calls == ["bid_create", "bid_update"]
    submitted_bid.refresh_from_db()
    assert (submitted_bid.status, submitted_bid.version) == ("withdrawn", 2)
    change = BidStatusChange.objects.get(bid=submitted_bid)
    assert (change.from_status, change.to_status) == ("submitted", "withdrawn")


def test_a_refusal_while_applying_undoes_every_row(world, funder, monkeypatch):
    real = services.bid_create

    def refuse_the_second(**kwargs):
        if kwargs["bid"].title == "Second":
            raise ValidationError({"title": "Refused for the test."})
        return real(**kwargs)

    monkeypatch.setattr(services, "bid_create", refuse_the_second)
    rows = [["", "First", funder.name, "Draft"], ["", "Second", funder.name, "Draft"]]
    client = world.client_for("coordinator")
    preview, confirmed = preview_and_confirm(client, world, csv_file(rows, header=HEADER))
    assert preview.context["report"].ok
    assert confirmed.status_code == 422
    (problem,) = confirmed.context["report"].problems
    assert (problem.number, problem.messages) == (3, ["Refused for the test."])
    assert not FundingBid.objects.exists()
    assert not BidStatusChange.objects.exists()


def test_a_formula_in_an_xlsx_cell_is_refused(world, funder):
    rows = [['=HYPERLINK("http://x","y")', funder.name, "Draft"]]
    client = world.client_for("coordinator")
    preview = client.post(
        url("bid-import", world), {"file": xlsx_file(rows, header=["Title", "Funder", "Status"])}
    )
    (problem,) = preview.context["report"].problems
    assert problem.number == 2
    assert "Title: the cell holds a formula; paste its value instead" in problem.messages[0]
    assert not FundingBid.objects.exists()


def test_text_that_looks_like_a_formula_in_a_csv_stays_text_on_the_way_back_out(world, funder):
    title = '=HYPERLINK("http://x","y")'
    client = world.client_for("coordinator")
    _, confirmed = preview_and_confirm(
        client,
        world,
        csv_file([[title, funder.name, "Draft"]], header=["Title", "Funder", "Status"]),
    )
    assert confirmed.status_code == 302
    assert FundingBid.objects.get().title == title
    exported = client.get(url("bid-export", world, "csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in exported


def test_the_preview_lists_200_problems_and_counts_the_rest(world, funder):
    rows = [["", f"Bid {n}", "Nobody", "Draft"] for n in range(250)]
    preview = world.client_for("coordinator").post(
        url("bid-import", world), {"file": csv_file(rows, header=HEADER)}
    )
    page = preview.content.decode()
    assert "250 rows cannot be imported, so nothing will be" in page
    assert len(re.findall(r'<th scope="row">Row \d+</th>', page)) == 200
    assert "and 50 more rows that cannot be imported not listed here" in page

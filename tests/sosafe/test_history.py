"""One history helper: every page's edits have one shape, read with ``diff_against``, and
people are named one way."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import Funder
from referrals import services as referral_services
from sosafe.history import (
    Edit,
    FieldChange,
    NamedChange,
    Tracked,
    attach,
    edits,
    joined,
    labels_of,
    person_name,
)
from tests import factories
from tests.factories import ServiceFactory
from tests.referrals.conftest import QUARTER

pytestmark = pytest.mark.django_db


def test_a_person_is_named_one_way():
    assert person_name(factories.UserFactory(first_name="Olive", last_name="Officer")) == (
        "Olive Officer"
    )
    assert person_name(factories.UserFactory(username="jo", first_name="", last_name="")) == "jo"
    assert person_name(None) == "someone"


def test_a_change_reads_as_label_old_new_and_long_text_is_only_named():
    assert str(FieldChange("Status", "Not started", "On track")) == (
        "Status: Not started → On track"
    )
    assert str(FieldChange("Status", "", "Not started")) == "Status: Not started"
    assert str(NamedChange("Narrative", "(empty)", "Started.")) == "Narrative changed"
    assert str(NamedChange("Narrative", "", "Started.")) == "Narrative written"
    assert FieldChange("Funder", "A", "B") == ("Funder", "A", "B")


def test_edits_compare_each_record_with_the_previous_one_of_the_same_object(world):
    funders = [
        Funder.objects.create(partnership=world.partnership, name=name) for name in ("A", "B")
    ]
    for funder, notes in ((funders[0], "first"), (funders[1], "other"), (funders[0], "")):
        funder.notes = notes
        funder._history_user = world.coordinator.user
        funder.save()
    funders[0].save()  # no change at all: left out
    records = Funder.history.select_related("history_user").order_by("history_date", "history_id")
    tracked = Tracked(Funder, labels_of(Funder, exclude={"partnership"}), on_create="values")
    result = edits(records, tracked)
    assert [(edit.summary, [str(c) for c in edit.changes]) for edit in result] == [
        ("Created", ["Name: A"]),
        ("Created", ["Name: B"]),
        ("Changed", ["Notes: (empty) → first"]),
        ("Changed", ["Notes: (empty) → other"]),
        ("Changed", ["Notes: first → (empty)"]),
    ]
    assert result[2].who == person_name(world.coordinator.user)
    assert result[0].who == "someone"  # saved without a request: not recorded


def test_joined_and_attach_fold_records_written_by_one_save():
    start = datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC)
    one = Edit(start, "Cora", "Changed", [FieldChange("Title", "a", "b")])
    same_save = Edit(start + datetime.timedelta(seconds=1), "Cora", "Changed", [])
    same_save.changes.append(FieldChange("Objectives", "none", "1"))
    later = Edit(start + datetime.timedelta(minutes=5), "Cora", "Changed", [])
    assert [
        len(e.changes) for e in joined([one, same_save, later], datetime.timedelta(seconds=5))
    ] == [
        2,
        0,
    ]
    parent = Edit(start, "Olive", "Submitted", [])
    figure = Edit(
        start + datetime.timedelta(seconds=1), "Olive", "Changed", [FieldChange("F", "1", "2")]
    )
    alone = Edit(
        start - datetime.timedelta(days=1), "Olive", "Changed", [FieldChange("F", "", "1")]
    )
    result = attach([parent], [alone, figure], summary="Figures changed")
    assert [(e.summary, len(e.changes)) for e in result] == [
        ("Figures changed", 1),
        ("Submitted", 1),
    ]


def test_the_return_page_lists_its_edits_with_the_breakdown(world):
    service = ServiceFactory(partnership=world.partnership, organisation=world.lead_org)
    world.coordinator.user.first_name, world.coordinator.user.last_name = "Cora", "Ordinator"
    world.coordinator.user.save()
    save = referral_services.return_save
    save(
        membership=world.coordinator, service=service, quarter=QUARTER, total=10, seen_version=None
    )
    save(
        membership=world.coordinator,
        service=service,
        quarter=QUARTER,
        total=None,
        seen_version=1,
        breakdown={referral_services.organisation_source(world.lead_org.pk): 12},
    )
    url = reverse(
        "referrals:return-edit",
        args=[world.partnership.slug, service.pk, QUARTER.year.slug, QUARTER.number],
    )
    page = world.client_for("coordinator").get(url).content.decode()
    items = [
        re.sub(r"\s+", " ", item).strip()
        for item in re.findall(r'<li class="mb-1">(.*?)</li>', page, re.S)
    ]
    assert items[0].startswith("<strong>Changed</strong> by Cora Ordinator")
    assert "Count: 10 → 12; Breakdown, SBC: (empty) → 12" in items[0]
    assert items[1].startswith("<strong>Entered</strong> by Cora Ordinator")
    assert "Count: 10" in items[1]


def test_labels_come_from_the_models_verbose_names():
    from funding.models import FundingBid

    labels = labels_of(FundingBid, exclude={"partnership"})
    assert labels["amount_requested"] == "Amount requested"
    assert "version" not in labels and "id" not in labels
    assert Decimal("10.00").normalize() == Decimal("1E+1")  # why value_text formats with :f

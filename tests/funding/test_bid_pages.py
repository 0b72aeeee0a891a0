"""Recording and editing bids through the portal's forms."""

import datetime
from decimal import Decimal

import pytest

from funding.models import BidStatus, FundingBid
from tests.factories import FunderFactory, ObjectiveFactory, StrategyFactory
from tests.funding.conftest import url
from tests.funding.test_permissions import bid_form

pytestmark = pytest.mark.django_db
S = BidStatus


def edit_data(bid: FundingBid, **changes) -> dict:
    """The edit form as the browser would post it, starting from the bid as it is now."""
    data = bid_form(
        title=bid.title,
        funder=bid.funder_id or "",
        fund=bid.fund,
        organisation=bid.organisation_id or "",
        delivering_team=bid.delivering_team,
        purpose=bid.purpose,
        status=bid.status,
        amount_requested="" if bid.amount_requested is None else str(bid.amount_requested),
        amount_awarded="" if bid.amount_awarded is None else str(bid.amount_awarded),
        submitted_on=bid.submitted_on.isoformat() if bid.submitted_on else "",
        decision_on=bid.decision_on.isoformat() if bid.decision_on else "",
        received_on=bid.received_on.isoformat() if bid.received_on else "",
        version=bid.version,
    )
    data.update(changes)
    return data


def test_a_coordinator_records_a_bid_with_its_objectives(world, funder):
    strategy = StrategyFactory(partnership=world.partnership, start_year=2018, end_year=2021)
    objective = ObjectiveFactory(strategy=strategy, number=3, title="Safeguard")
    other = ObjectiveFactory(title="Another partnership's objective")
    client = world.client_for("coordinator")
    page = client.get(url("bid-create", world)).content.decode()
    assert "2018–2021: 3. Safeguard" in page
    assert "Another partnership" not in page
    response = client.post(
        url("bid-create", world),
        bid_form(
            funder=funder.pk,
            objectives=[objective.pk],
            status="submitted",
            submitted_on="2018-02-01",
            organisation=world.lead_org.pk,
        ),
    )
    bid = FundingBid.objects.get(title="Safer Streets")
    assert response["Location"] == bid.get_absolute_url()
    assert list(bid.objectives.all()) == [objective]
    assert bid.status == S.SUBMITTED
    response = client.post(
        url("bid-create", world), bid_form(title="Sneaky", objectives=[other.pk])
    )
    assert response.status_code == 200
    assert not FundingBid.objects.filter(title="Sneaky").exists()


def test_an_award_on_a_bid_that_is_not_successful_is_refused_and_the_form_kept(
    world, submitted_bid
):
    client = world.client_for("coordinator")
    response = client.post(
        url("bid-edit", world, submitted_bid.pk),
        edit_data(submitted_bid, amount_awarded="£9,000", notes="Typed notes stay"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "only for a successful bid" in form.errors["amount_awarded"][0]
    page = response.content.decode()
    assert "Typed notes stay" in page
    assert 'value="£9,000"' in page
    submitted_bid.refresh_from_db()
    assert submitted_bid.amount_awarded is None
    assert submitted_bid.version == 1


def test_a_malformed_amount_says_what_to_write(world, draft_bid):
    response = world.client_for("coordinator").post(
        url("bid-edit", world, draft_bid.pk), edit_data(draft_bid, amount_requested="£1,2,3")
    )
    assert (
        "“£1,2,3” is not an amount of money; write it like £1,234.50"
        in (response.context["form"].errors["amount_requested"][0])
    )
    assert 'value="£1,2,3"' in response.content.decode()


def test_moving_to_successful_needs_the_award_and_the_decision_date(world, submitted_bid):
    client = world.client_for("officer")
    response = client.post(
        url("bid-edit", world, submitted_bid.pk), edit_data(submitted_bid, status="successful")
    )
    errors = response.context["form"].errors
    assert "Enter the amount awarded" in errors["amount_awarded"][0]
    assert "Enter the date the funder made its decision" in errors["decision_on"][0]
    response = client.post(
        url("bid-edit", world, submitted_bid.pk),
        edit_data(
            submitted_bid,
            status="successful",
            amount_awarded="7,706.25",
            decision_on="2018-03-05",
            received_on="2018-03-20",
        ),
    )
    assert response.status_code == 302
    submitted_bid.refresh_from_db()
    assert (submitted_bid.status, submitted_bid.amount_awarded) == (
        S.SUCCESSFUL,
        Decimal("7706.25"),
    )
    assert submitted_bid.status_changes.get().changed_by == world.officer.user


def test_the_status_list_offers_only_the_next_steps(world, submitted_bid):
    response = world.client_for("officer").get(url("bid-edit", world, submitted_bid.pk))
    choices = [value for value, _ in response.context["form"].fields["status"].choices]
    assert choices == ["submitted", "successful", "unsuccessful", "withdrawn"]


def test_a_step_outside_the_pipeline_is_refused_by_the_form(world, submitted_bid):
    response = world.client_for("coordinator").post(
        url("bid-edit", world, submitted_bid.pk), edit_data(submitted_bid, status="draft")
    )
    assert "status" in response.context["form"].errors
    submitted_bid.refresh_from_db()
    assert submitted_bid.status == S.SUBMITTED


def test_the_bid_page_shows_the_timeline_spend_and_warnings(world, successful_bid, spend):
    successful_bid.grant_ends = datetime.date(2018, 3, 31)
    successful_bid.save()
    successful_bid.status_changes.create(
        from_status="submitted", to_status="successful", changed_by=world.coordinator.user
    )
    page = world.client_for("member").get(url("bid-detail", world, successful_bid.pk))
    text = page.content.decode()
    assert "Submitted, awaiting decision → <strong>Successful</strong>" in text
    assert "Leaflets" in text and "£250.00" in text
    assert "£2,750.00 of the award unspent" in text
    assert "Record spend" not in text  # members read


def test_two_people_editing_the_same_bid_do_not_overwrite_each_other(world, draft_bid):
    """The second save, started from the same version, is refused and shows what changed."""
    coordinator = world.client_for("coordinator")
    officer = world.client_for("officer")
    # Both open the edit form while the bid is at version 1.
    seen_by_coordinator = coordinator.get(url("bid-edit", world, draft_bid.pk)).context["form"]
    seen_by_officer = officer.get(url("bid-edit", world, draft_bid.pk)).context["form"]
    assert seen_by_coordinator["version"].value() == seen_by_officer["version"].value() == 1

    first = coordinator.post(
        url("bid-edit", world, draft_bid.pk),
        edit_data(draft_bid, amount_requested="6,000", notes="Coordinator's figure"),
    )
    assert first.status_code == 302

    second = officer.post(
        url("bid-edit", world, draft_bid.pk),
        edit_data(draft_bid, amount_requested="4,000", notes="Officer's figure"),
    )
    assert second.status_code == 409
    draft_bid.refresh_from_db()
    assert draft_bid.amount_requested == Decimal("6000.00")
    assert draft_bid.notes == "Coordinator's figure"
    assert draft_bid.version == 2

    changes = {c.label: (c.theirs, c.yours) for c in second.context["conflict"].changes}
    assert changes["Amount requested (£)"] == ("6000.00", "4000.00")
    assert changes["Notes"] == ("Coordinator's figure", "Officer's figure")
    page = second.content.decode()
    assert "Someone else saved this bid while you were editing it" in page
    assert "Officer&#x27;s figure" in page  # what the officer typed is kept in the form
    assert second.context["form"]["version"].value() == 2

    # Saving again, having seen the difference, is a deliberate choice and goes through.
    third = officer.post(
        url("bid-edit", world, draft_bid.pk),
        edit_data(draft_bid, amount_requested="4,000", notes="Officer's figure"),
    )
    assert third.status_code == 302
    draft_bid.refresh_from_db()
    assert (draft_bid.amount_requested, draft_bid.version) == (Decimal("4000.00"), 3)


def test_the_edit_history_says_who_changed_what(world, draft_bid):
    client = world.client_for("coordinator")
    client.post(
        url("bid-edit", world, draft_bid.pk), edit_data(draft_bid, amount_requested="5,500")
    )
    other = FunderFactory(partnership=world.partnership, name="Home Office")
    draft_bid.refresh_from_db()
    world.client_for("officer").post(
        url("bid-edit", world, draft_bid.pk), edit_data(draft_bid, funder=other.pk)
    )
    edits = world.client_for("member").get(url("bid-detail", world, draft_bid.pk)).context["edits"]
    assert edits[0].changes == [("Funder", "Police and Crime Commissioner", "Home Office")]
    assert edits[1].changes == [("Amount requested", "£5,000.00", "£5,500.00")]
    assert edits[0].who == world.officer.user.get_full_name()


def test_without_the_version_check_the_second_edit_would_overwrite(world, draft_bid, monkeypatch):
    """Proof that the test above depends on the check: take it away and the edit is lost."""

    def save_without_checking(instance, *, seen_version):
        instance.version = seen_version + 1
        instance.save()

    monkeypatch.setattr("funding.services.save_if_unchanged", save_without_checking)
    with pytest.raises(AssertionError):
        test_two_people_editing_the_same_bid_do_not_overwrite_each_other(world, draft_bid)
    draft_bid.refresh_from_db()
    assert draft_bid.notes == "Officer's figure"  # the coordinator's edit was silently lost


def test_the_edit_history_includes_the_objectives(world, draft_bid):
    strategy = StrategyFactory(partnership=world.partnership, start_year=2018, end_year=2021)
    objective = ObjectiveFactory(strategy=strategy, number=3, title="Safeguard")
    world.client_for("coordinator").post(
        url("bid-edit", world, draft_bid.pk), edit_data(draft_bid, objectives=[objective.pk])
    )
    edits = world.client_for("member").get(url("bid-detail", world, draft_bid.pk)).context["edits"]
    assert edits[0].changes == [("Objectives it serves", "(none)", "2018–2021 no. 3")]


def test_an_award_recorded_after_the_event_needs_only_the_dates_the_papers_give(world, funder):
    response = world.client_for("coordinator").post(
        url("bid-create", world),
        bid_form(
            funder=funder.pk,
            status="successful",
            amount_requested="",
            amount_awarded="£3,000",
            received_on="2017-04-01",
            date_precision="month",
        ),
    )
    assert response.status_code == 302
    bid = FundingBid.objects.get(title="Safer Streets")
    assert (bid.amount_awarded, bid.amount_requested, bid.decision_on) == (
        Decimal("3000.00"),
        None,
        None,
    )
    page = world.client_for("member").get(bid.get_absolute_url()).content.decode()
    assert "April 2017" in page and "1 April 2017" not in page


def test_the_home_page_panel(world, successful_bid):
    from tests.reports.panels import render_panel

    html = render_panel("funding", world.scrutiny)
    assert "Funding 2017/18" in html
    assert "£3,000.00" in html
    assert "All funding bids" not in html  # the scrutiny committee reads the summary only
    assert "All funding bids" in render_panel("funding", world.member)

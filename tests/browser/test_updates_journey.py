"""The quarterly update journeys in a real Chromium: an officer writes and submits an update
(after an error), and a coordinator chases what is missing, sends reminders and closes the
quarter. Every page is scanned with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from actionplan.models import ActionLead, ProgressUpdate
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEAM = "Community Safety Team"  # the demo officer's job title, named lead on these actions
POLICE = "Police Inspector, Stevenage"


@pytest.fixture
def demo(demo):
    """The demo, with Q4 2017/18 open; as if the Community Safety Team and the Police
    Inspector had not yet written their Q4 updates."""
    led = ActionLead.objects.filter(officer_role__in=[TEAM, POLICE]).values("action")
    ProgressUpdate.objects.filter(action__in=led, quarter=4).delete()


def test_officer_writes_an_update_fixes_an_error_and_submits(page, live_server, demo):
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.get_by_role("link", name="SoSafe Community Safety Action Plan 2017/18").click()
    expect(page.locator("#quarter-progress")).to_contain_text("Q4 2017/18 is open for updates")
    assert_accessible(page)
    page.get_by_role("link", name="Write your updates in My actions").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.get_by_text("Updates are due by Friday 13 April 2018")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="1. Antisocial behaviour")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Write update for action 1.2 b)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Q4 2017/18 update for action 1.2 b)")
    expect(page.get_by_role("complementary")).to_contain_text("Last quarter: Q3 2017/18")
    assert_accessible(page)

    # Submit with a mistake: "complete" with no narrative, and a negative figure.
    page.get_by_label("Status this quarter").select_option(label="Complete")
    outcome = page.get_by_role("group", name=re.compile("Expected outcome 1"))
    outcome.get_by_label("Figure achieved so far").fill("-1")
    outcome.get_by_label("This outcome has been achieved").check()
    page.get_by_role("button", name="Submit").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There are problems to fix")
    expect(summary).to_contain_text("Write what happened this quarter")
    expect(summary).to_contain_text("Expected outcome 1: Enter the figure achieved so far as 0")
    expect(page.get_by_label("Status this quarter")).to_have_value("complete")
    expect(outcome.get_by_label("Figure achieved so far")).to_have_value("-1")
    expect(outcome.get_by_label("This outcome has been achieved")).to_be_checked()
    assert_accessible(page)

    # Fix both and submit.
    outcome.get_by_label("Figure achieved so far").fill("4")
    page.get_by_label("What happened this quarter, and what comes next").fill(
        "Four PSPO events held.\n<script>alert('x')</script> stays text."
    )
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(
        page.get_by_text("Your Q4 2017/18 update for action 1.2 b) was submitted")
    ).to_be_visible()
    row = page.get_by_role("row", name=re.compile(r"^1\.2 b\)"))
    expect(row).to_contain_text("Submitted")
    expect(row.get_by_role("link", name="Change update for action 1.2 b)")).to_be_visible()
    assert_accessible(page)

    update = ProgressUpdate.objects.get(
        action__aim__theme__number=1, action__aim__number=2, action__letter="b", quarter=4
    )
    assert (update.state, update.status) == ("submitted", "complete")
    assert update.outcome_progress.get().achieved_figure == 4

    # The action page shows it, escaped, with the edit in its timeline.
    page.goto(f"{live_server.url}/p/sosafe/actions/{update.action_id}/")
    expect(page.get_by_text("<script>alert('x')</script> stays text.")).to_be_visible()
    # The fixture's deletion of the loaded update is in the history too.
    page.get_by_text("Edits in Q4 (3)").click()
    expect(page.locator("details li", has_text="Deleted")).to_be_visible()
    expect(page.get_by_text(re.compile("Submitted by Community Safety Officer"))).to_be_visible()
    assert_accessible(page)


def test_coordinator_chases_reminds_reviews_and_closes_the_quarter(page, live_server, demo):
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.get_by_role("link", name="SoSafe Community Safety Action Plan 2017/18").click()
    page.get_by_role("link", name="Chase the Q4 updates").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Q4 2017/18 updates: SoSafe Community Safety Action Plan 2017/18"
    )
    missing = page.locator("table.chase-table tbody tr", has_text="Missing")
    expect(missing.first).to_be_visible()
    assert missing.count() == 42 - ProgressUpdate.objects.filter(quarter=4).count()
    assert_accessible(page)

    page.get_by_role("link", name="Update", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?sort=state$"))
    expect(page.locator("table.chase-table tbody tr").first).to_contain_text("Missing")
    assert_accessible(page)

    page.get_by_role("button", name="Send reminders").click()
    # The Community Safety Manager (the coordinator) is named lead on some of those actions.
    expect(page.get_by_text(re.compile(r"^Sent 3 reminders"))).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coordinator@sosafe.example.org",
        "officer@sosafe.example.org",
        "police@sosafe.example.org",
    ]
    to_officer = next(m for m in mail.outbox if m.to == ["officer@sosafe.example.org"])
    assert re.search(
        rf"{re.escape(live_server.url)}/p/sosafe/actions/\d+/updates/4/", to_officer.body
    )
    assert "due by 13 April 2018" in to_officer.subject
    assert_accessible(page)

    # Review a submitted update: return it with a reason.
    submitted = page.locator("table.chase-table tbody tr", has_text="Submitted").first
    submitted.get_by_role("link", name=re.compile("^Review")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review the Q4 2017/18 update")
    assert_accessible(page)
    page.get_by_role("button", name="Return to the author").click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Say what the author should change or add."
    )
    assert_accessible(page)
    page.get_by_label("What should the author change or add?").fill("Add how many attended.")
    page.get_by_role("button", name="Return to the author").click()
    expect(page.get_by_text(re.compile("Returned the Q4 2017/18 update"))).to_be_visible()
    assert ProgressUpdate.objects.filter(state="returned").count() == 1

    page.get_by_role("link", name="Close Q4 for updates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close Q4 2017/18 for updates?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, close Q4").click()
    expect(page.get_by_text("Q4 2017/18 is closed: its updates are frozen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Quarters").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly updates")
    page.locator("summary", has_text="Re-open Q4").click()
    assert_accessible(page)

    # The officer can no longer edit.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/my-actions/")
    expect(page.get_by_role("heading", name="No quarter is open for updates")).to_be_visible()
    expect(page.get_by_text("Frozen while returned for changes")).to_be_visible()
    assert_accessible(page)
    action_id = ActionLead.objects.filter(officer_role=TEAM).values_list("action", flat=True)[0]
    page.goto(f"{live_server.url}/p/sosafe/actions/{action_id}/updates/4/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    expect(page.get_by_text(re.compile("Q4 2017/18 was closed on .* frozen"))).to_be_visible()
    assert_accessible(page)


def test_quarter_and_chasing_pages_pass_axe_with_nothing_open(page, live_server, demo):
    from actionplan import services
    from actionplan.models import ReportingQuarter
    from sosafe.models import Membership

    coordinator = Membership.objects.get(user__username="coordinator")
    services.quarter_close(membership=coordinator, window=ReportingQuarter.objects.get())
    sign_in(page, live_server, "coordinator", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/chasing/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chasing updates")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Quarters of")).click()
    expect(page.get_by_role("heading", level=2, name="Open a quarter for updates")).to_be_visible()
    assert_accessible(page)


def test_officer_sees_a_returned_update_and_submits_it_again(page, live_server, demo):
    from actionplan import services
    from sosafe.models import Membership

    coordinator = Membership.objects.get(user__username="coordinator")
    update = ProgressUpdate.objects.filter(  # an SBC-led action: the officer's organisation
        action__leads__organisation__short_name="SBC", state="submitted"
    ).first()
    services.update_return(
        membership=coordinator,
        update=update,
        reason="Please say how many people attended.",
        seen_version=update.version,
    )
    ref = update.action.ref

    sign_in(page, live_server, "officer", "sosafe-demo")
    page.goto(f"{live_server.url}/p/sosafe/my-actions/")
    returned = page.locator(".alert-warning")
    expect(returned).to_contain_text("Returned to you for changes")
    expect(returned).to_contain_text("Please say how many people attended.")
    assert_accessible(page)

    returned.get_by_role("link", name=f"Action {ref}").click()
    expect(page.get_by_role("heading", level=2, name="Returned to you for changes")).to_be_visible()
    assert_accessible(page)
    field = page.get_by_label("What happened this quarter, and what comes next")
    field.fill(field.input_value() + "\n42 people attended.")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator(".alert-warning")).to_have_count(0)
    update.refresh_from_db()
    assert update.state == "submitted" and update.narrative.endswith("42 people attended.")

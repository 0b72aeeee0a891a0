"""Chasing: the coordinator's page for a quarter (per action and per lead organisation,
sortable) and the reminders, from the page and from the management command."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from actionplan import services
from actionplan.models import ProgressUpdate
from tests import factories
from tests.conftest import make_plan
from tests.factories import ProgressUpdateFactory, ReportingQuarterFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    """Q3 open. Actions 0–3 led by SBC (the officer's organisation): 0 submitted, 1 draft,
    2 and 3 missing; action 4 led by HFRS (other_officer's), missing; action 5 led by HFRS,
    accepted."""
    plan, actions = make_plan(world.partnership, world.lead_org, actions=6, year=2024)
    for action in actions[4:]:
        lead = action.leads.get()
        lead.organisation = world.other_org
        lead.save()
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    ProgressUpdateFactory(action=actions[0], quarter=3, state=State.SUBMITTED)
    ProgressUpdateFactory(action=actions[1], quarter=3, state=State.DRAFT)
    ProgressUpdateFactory(action=actions[5], quarter=3, state=State.ACCEPTED)
    return world, plan, window, actions


def _url(world, plan, quarter=3, query=""):
    url = reverse(
        "actionplan:quarter-detail", args=[world.partnership.slug, plan.year.slug, quarter]
    )
    return url + query


def _remind_url(world, plan, quarter=3):
    return reverse(
        "actionplan:quarter-remind", args=[world.partnership.slug, plan.year.slug, quarter]
    )


PAGE_STATUS = {
    "admin": 200,
    "coordinator": 200,
    "officer": 403,
    "other_officer": 403,
    "member": 403,
    "scrutiny": 403,
    "outsider": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_see_the_chasing_page(setup, persona):
    world, plan, *_ = setup
    assert world.client_for(persona).get(_url(world, plan)).status_code == PAGE_STATUS[persona]


def test_anonymous_is_sent_to_sign_in(setup):
    world, plan, *_ = setup
    response = world.client_for("anonymous").get(_url(world, plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_quarter_never_opened_is_404(setup):
    world, plan, *_ = setup
    assert world.client_for("coordinator").get(_url(world, plan, 4)).status_code == 404


def _row_states(html: str) -> list[tuple[str, str]]:
    """(action text, update state) for each row of the by-action table, in order."""
    table = html[html.index('class="table table-bordered align-top chase-table"') :]
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\".*?</span> (Action text \d+)</a>.*?</svg>\s*([A-Za-z ]+?)</span>",
        table,
        re.S,
    )
    return rows


def test_each_action_shows_its_state_and_the_totals(setup):
    world, plan, window, actions = setup
    html = world.client_for("coordinator").get(_url(world, plan)).content.decode()
    states = dict(_row_states(html))
    assert [states[a.text] for a in actions] == [
        "Submitted",
        "Draft",
        "Missing",
        "Missing",
        "Missing",
        "Accepted",
    ]
    assert "4 of 6 actions still lack a submitted update." in html


def test_per_lead_organisation_tally(setup):
    world, plan, *_ = setup
    html = world.client_for("coordinator").get(_url(world, plan)).content.decode()
    by_lead = html[html.index('id="by-lead-heading"') : html.index('id="by-action-heading"')]
    cells = dict(
        (org, [int(n) for n in re.findall(r'<td class="text-end">(\d+)</td>', row)])
        for org, row in re.findall(
            r'<abbr title="[^"]*">(\w+)</abbr></th>(.*?)</tr>', by_lead, re.S
        )
    )
    # missing, returned, draft, submitted, accepted, total
    assert cells["SBC"] == [2, 0, 1, 1, 0, 4]
    assert cells["HFRS"] == [1, 0, 0, 0, 1, 2]


@pytest.mark.parametrize(
    "query, first, last",
    [
        ("", 0, 5),
        ("?sort=action", 0, 5),
        ("?sort=-action", 5, 0),
        ("?sort=state", 2, 5),  # missing first, accepted last
        ("?sort=-state", 5, 3),  # accepted first; missing last, in plan order
        ("?sort=nonsense", 0, 5),
    ],
)
def test_the_table_sorts_on_the_server(setup, query, first, last):
    world, plan, window, actions = setup
    html = world.client_for("coordinator").get(_url(world, plan, query=query)).content.decode()
    order = [text for text, _ in _row_states(html)]
    assert order[0] == actions[first].text
    assert order[-1] == actions[last].text


def test_sorting_by_lead_groups_organisations(setup):
    world, plan, window, actions = setup
    html = (
        world.client_for("coordinator").get(_url(world, plan, query="?sort=lead")).content.decode()
    )
    order = [text for text, _ in _row_states(html)]
    assert order[:2] == [actions[4].text, actions[5].text]  # HFRS before SBC
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-lead"' in html


def test_reminders_go_once_to_each_lead_officer_with_what_they_owe(setup):
    world, plan, window, actions = setup
    client = world.client_for("coordinator")
    response = client.post(_remind_url(world, plan))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "officer@example.org",
        "other_officer@example.org",
    ]
    to_officer = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    slug = world.partnership.slug
    for action in actions[1:4]:  # draft, missing, missing
        link = "http://testserver" + reverse("actionplan:update-edit", args=[slug, action.pk, 3])
        assert link in to_officer.body
        assert f"Action {action.ref}" in to_officer.body
    assert f"Action {actions[0].ref}:" not in to_officer.body  # submitted
    assert "3 progress updates for Q3 2024/25" in to_officer.subject
    to_other = next(m for m in mail.outbox if m.to == ["other_officer@example.org"])
    assert f"Action {actions[4].ref}:" in to_other.body
    assert f"Action {actions[5].ref}:" not in to_other.body  # accepted
    window.refresh_from_db()
    assert window.reminders_sent_at is not None
    assert window.reminders_sent_by == world.coordinator.user
    page = client.get(response["Location"]).content.decode()
    assert "Sent 2 reminders" in page


def test_a_named_lead_officer_is_reminded_instead_of_the_whole_organisation(setup):
    world, plan, window, actions = setup
    named = factories.MembershipFactory(
        partnership=world.partnership,
        role="officer",
        organisation=world.lead_org,
        user=factories.UserFactory(username="named"),
    )
    for action in actions[1:4]:
        lead = action.leads.get()
        lead.officer = named.user
        lead.save()
    world.client_for("coordinator").post(_remind_url(world, plan))
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["named@example.org", "other_officer@example.org"]


def test_lead_officers_without_email_are_reported_not_skipped_silently(setup):
    world, plan, window, actions = setup
    world.other_officer.user.email = ""
    world.other_officer.user.save()
    response = world.client_for("coordinator").post(_remind_url(world, plan), follow=True)
    assert [m.to[0] for m in mail.outbox] == ["officer@example.org"]
    html = response.content.decode()
    assert f"No lead officer with an email address leads {actions[4].ref}" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_send_reminders(setup, persona):
    world, plan, *_ = setup
    response = world.client_for(persona).post(_remind_url(world, plan))
    if persona in ("admin", "coordinator"):
        assert response.status_code == 302
        assert len(mail.outbox) == 2
    else:
        assert response.status_code == PAGE_STATUS[persona]
        assert mail.outbox == []


def test_no_reminders_for_a_closed_quarter(setup):
    world, plan, window, _ = setup
    services.quarter_close(membership=world.coordinator, window=window)
    response = world.client_for("coordinator").post(_remind_url(world, plan), follow=True)
    assert mail.outbox == []
    assert "nothing to chase" in response.content.decode()


def test_the_command_sends_the_same_reminders_with_absolute_links(setup):
    world, plan, window, actions = setup
    out = io.StringIO()
    call_command(
        "send_update_reminders",
        world.partnership.slug,
        "--base-url=https://portal.example.org",
        stdout=out,
    )
    assert len(mail.outbox) == 2
    body = next(m for m in mail.outbox if m.to == ["officer@example.org"]).body
    link = "https://portal.example.org" + reverse(
        "actionplan:update-edit", args=[world.partnership.slug, actions[2].pk, 3]
    )
    assert link in body
    assert "Sent 2 reminders" in out.getvalue()
    window.refresh_from_db()
    assert window.reminders_sent_at is not None and window.reminders_sent_by is None


def test_the_command_dry_run_sends_nothing(setup):
    world, *_ = setup
    out = io.StringIO()
    call_command("send_update_reminders", world.partnership.slug, "--dry-run", stdout=out)
    assert mail.outbox == []
    assert "Would send 2 reminders" in out.getvalue()
    assert "officer@example.org" in out.getvalue()


def test_the_command_explains_an_unknown_partnership_or_no_open_quarter(setup):
    world, plan, window, _ = setup
    with pytest.raises(CommandError, match="No partnership"):
        call_command("send_update_reminders", "nowhere", stdout=io.StringIO())
    services.quarter_close(membership=world.coordinator, window=window)
    out = io.StringIO()
    call_command("send_update_reminders", world.partnership.slug, stdout=out)
    assert "nothing to send" in out.getvalue()
    assert mail.outbox == []


def test_an_email_server_failure_is_reported_not_a_crash(setup, monkeypatch):
    world, plan, window, _ = setup

    class Refusing:
        def send_messages(self, messages):
            raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(services, "get_connection", lambda: Refusing())
    response = world.client_for("coordinator").post(_remind_url(world, plan), follow=True)
    assert response.status_code == 200
    assert "The email server did not take the reminders" in response.content.decode()
    window.refresh_from_db()
    assert window.reminders_sent_at is None


def test_a_row_says_when_its_update_changed_in_local_time(setup):
    world, plan, window, actions = setup
    summer = datetime.datetime(2024, 7, 1, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 2 July in London
    ProgressUpdate.objects.filter(action=actions[0], quarter=3).update(updated_at=summer)
    html = world.client_for("coordinator").get(_url(world, plan)).content.decode()
    assert "2 July 2024, 00:30" in html

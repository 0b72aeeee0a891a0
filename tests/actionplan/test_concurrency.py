"""No lost edits: two people editing the same update are never silently overwritten. Each
test interleaves two edits; every one of them fails if the version check is removed."""

import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from actionplan import services
from actionplan.models import ProgressUpdate
from sosafe.concurrency import StaleEdit
from tests.conftest import make_plan
from tests.factories import (
    OutcomeProgressFactory,
    ProgressUpdateFactory,
    ReportingQuarterFactory,
)

State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    return world, plan, window, actions[0]


def _url(world, action):
    return reverse("actionplan:update-edit", args=[world.partnership.slug, action.pk, 3])


def _version_in(response) -> str:
    match = re.search(r'name="version"(?: value="(\d*)")?', response.content.decode())
    assert match, "the form carries the version it started from"
    return match.group(1) or ""


def _data(version, narrative, status="on_track", intent="submit", **extra):
    return {"status": status, "narrative": narrative, "version": version, "intent": intent, **extra}


@pytest.mark.django_db
def test_the_second_of_two_interleaved_saves_is_refused_and_shown_what_changed(setup):
    world, plan, window, action = setup
    ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="First notes.")
    officer, coordinator = world.client_for("officer"), world.client_for("coordinator")

    # Both open the form on the same version...
    officer_version = _version_in(officer.get(_url(world, action)))
    coordinator_version = _version_in(coordinator.get(_url(world, action)))
    assert officer_version == coordinator_version == "1"

    # ...the officer saves first...
    response = officer.post(
        _url(world, action), _data(officer_version, "Officer's account.", status="at_risk")
    )
    assert response.status_code == 302

    # ...and the coordinator's save, started from the old version, is refused.
    response = coordinator.post(
        _url(world, action), _data(coordinator_version, "Coordinator's account.")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this update while you were editing it" in html
    assert "Your changes have <strong>not</strong> been saved" in html
    # What changed: theirs against yours, field by field.
    assert re.search(
        r"<th scope=\"row\">What happened this quarter, and what comes next</th>"
        r"<td>Officer&#x27;s account.</td><td>Coordinator&#x27;s account.</td>",
        html,
    )
    assert re.search(
        r"<th scope=\"row\">Status this quarter</th><td>At risk</td><td>On track</td>", html
    )
    # Nothing typed is lost.
    assert "Coordinator&#x27;s account.</textarea>" in html
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    assert update.narrative == "Officer's account." and update.version == 2
    assert update.author == world.officer.user

    # Having seen the changes, the coordinator may save again on purpose.
    assert _version_in(response) == "2"
    response = coordinator.post(_url(world, action), _data("2", "Coordinator's account."))
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.narrative == "Coordinator's account." and update.version == 3


@pytest.mark.django_db
def test_two_people_writing_the_first_update_at_once(setup):
    world, plan, window, action = setup
    officer, coordinator = world.client_for("officer"), world.client_for("coordinator")
    assert _version_in(officer.get(_url(world, action))) == ""
    assert _version_in(coordinator.get(_url(world, action))) == ""
    assert officer.post(_url(world, action), _data("", "Officer first.")).status_code == 302
    response = coordinator.post(_url(world, action), _data("", "Coordinator second."))
    assert response.status_code == 409
    assert ProgressUpdate.objects.get(action=action, quarter=3).narrative == "Officer first."


@pytest.mark.django_db
def test_figures_edited_by_someone_else_are_listed(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="Same")
    numeric = action.outcomes.order_by("pk").first()
    field = f"outcome_{numeric.pk}_figure"
    officer, coordinator = world.client_for("officer"), world.client_for("coordinator")
    officer.get(_url(world, action))
    coordinator.get(_url(world, action))
    officer.post(_url(world, action), _data("1", "Same", intent="draft", **{field: "6"}))
    response = coordinator.post(
        _url(world, action), _data("1", "Same", intent="draft", **{field: "9"})
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert re.search(
        r"Expected outcome 1: figure achieved so far</th><td>6 events</td><td>9 events</td>", html
    )
    update.refresh_from_db()
    assert update.outcome_progress.get().achieved_figure == 6


@pytest.mark.django_db
def test_an_update_accepted_while_the_author_typed_is_not_overwritten(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.SUBMITTED, narrative="v1")
    officer = world.client_for("officer")
    version = _version_in(officer.get(_url(world, action)))
    services.update_accept(membership=world.coordinator, update=update, seen_version=1)
    response = officer.post(_url(world, action), _data(version, "Late addition."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "The coordinator has accepted this update, so it is final." in html
    assert "Late addition.</textarea>" in html  # kept for the author to pass on
    assert 'value="submit"' not in html  # no button to save over an accepted update
    update.refresh_from_db()
    assert (update.state, update.narrative) == (State.ACCEPTED, "v1")


@pytest.mark.django_db
def test_a_review_of_a_version_the_coordinator_did_not_read_is_refused(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.SUBMITTED, narrative="v1")
    coordinator = world.client_for("coordinator")
    review_url = reverse("actionplan:update-review", args=[world.partnership.slug, action.pk, 3])
    assert 'name="version" value="1"' in coordinator.get(review_url).content.decode()
    world.client_for("officer").post(_url(world, action), _data("1", "v2, with figures."))
    response = coordinator.post(review_url, {"intent": "accept", "version": "1"})
    assert response.status_code == 409
    assert "The update changed while you were reading it" in response.content.decode()
    update.refresh_from_db()
    assert update.state == State.SUBMITTED and update.narrative == "v2, with figures."


@pytest.mark.django_db
def test_the_service_refuses_a_stale_version(setup):
    world, plan, window, action = setup
    update = ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="v1")
    OutcomeProgressFactory(update=update, outcome=action.outcomes.first(), achieved_figure=1)
    content = services.UpdateContent(status="on_track", narrative="Mine")
    services.update_save_draft(
        membership=world.officer, action=action, window=window, content=content, seen_version=1
    )
    with pytest.raises(StaleEdit) as stale:
        services.update_submit(
            membership=world.coordinator,
            action=action,
            window=window,
            content=services.UpdateContent(status="complete", narrative="Theirs"),
            seen_version=1,
        )
    assert stale.value.current.narrative == "Mine"
    update.refresh_from_db()
    assert (update.narrative, update.state, update.version) == ("Mine", State.DRAFT, 2)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_from_separate_connections(world):
    """Two threads, each with its own database connection, save the same version at once:
    exactly one wins. On PostgreSQL the row lock makes the second wait, then see the new
    version; SQLite serialises writers."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    action = actions[0]
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    ProgressUpdateFactory(action=action, quarter=3, state=State.DRAFT, narrative="v1")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(name, membership):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            services.update_save_draft(
                membership=membership,
                action=action,
                window=window,
                content=services.UpdateContent(status="on_track", narrative=f"by {name}"),
                seen_version=1,
            )
            outcomes[name] = "saved"
        except StaleEdit:
            outcomes[name] = "stale"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("officer", world.officer)),
        threading.Thread(target=save, args=("coordinator", world.coordinator)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(name for name, result in outcomes.items() if result == "saved")
    update = ProgressUpdate.objects.get(action=action, quarter=3)
    assert update.narrative == f"by {winner}" and update.version == 2

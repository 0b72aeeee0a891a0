"""The plan page's rows come from the cache (actionplan/fragments.py) only while nothing they
show has changed: a change to the action, to its latest update (narrative, status, state or
figures) or to an organisation's name shows at once, and a draft shown to its author or a
coordinator is never served to a reader who may not see it."""

import re
from decimal import Decimal

import pytest

from actionplan import authoring, fragments, services
from actionplan.services import OutcomeFigures, UpdateContent
from sosafe.concurrency import save_if_unchanged
from tests.conftest import make_plan
from tests.factories import ReportingQuarterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world, monkeypatch):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=3, year=2024)
    window = ReportingQuarterFactory(plan=plan, quarter=3)
    rendered = []  # the pks of the rows rendered rather than read from the cache
    render_rows = fragments.render_rows

    def spy(actions, slug):
        rendered.extend(action.pk for action in actions)
        return render_rows(actions, slug)

    monkeypatch.setattr(fragments, "render_rows", spy)
    return world, plan, actions, window, rendered


def _page(world, persona, plan) -> str:
    response = world.client_for(persona).get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _submit(world, action, window, narrative, status="on_track", figure=None, draft=False):
    outcome = action.outcomes.get(text="Outcome one")
    figures = {outcome.pk: OutcomeFigures(achieved_figure=figure)} if figure is not None else {}
    update = action.updates.filter(quarter=window.quarter).first()
    write = services.update_save_draft if draft else services.update_submit
    return write(
        membership=world.officer,
        action=action,
        window=window,
        content=UpdateContent(status=status, narrative=narrative, outcomes=figures),
        seen_version=update.version if update else None,
    )


def test_a_second_reading_comes_from_the_cache(setup):
    world, plan, actions, window, rendered = setup
    first = _page(world, "member", plan)
    assert sorted(rendered) == sorted(a.pk for a in actions)
    rendered.clear()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked afresh each time
    assert token.sub("", _page(world, "member", plan)) == token.sub("", first)
    assert rendered == []


def test_a_changed_action_shows_at_once(setup):
    world, plan, actions, window, rendered = setup
    _page(world, "member", plan)
    action = actions[0]
    action.text = "Patrol the town centre on Friday nights"
    save_if_unchanged(action, seen_version=action.version)
    rendered.clear()
    assert "Patrol the town centre on Friday nights" in _page(world, "member", plan)
    assert rendered == [action.pk]


def test_a_new_or_changed_update_shows_at_once(setup):
    world, plan, actions, window, rendered = setup
    action = actions[1]
    assert "Q2" in _page(world, "member", plan)
    _submit(world, action, window, "Forty young people took part.", status="complete")
    html = _page(world, "member", plan)
    assert "Forty young people took part." in html and "status-complete" in html

    update = _submit(world, action, window, "Fifty young people took part.", status="off_track")
    html = _page(world, "member", plan)
    assert "Fifty young people took part." in html and "Forty" not in html
    assert "status-off_track" in html and "status-complete" not in html

    # Figures belong to the update: changing only them moves its version on, and the row with it.
    rendered.clear()
    before = update.version
    update = _submit(world, action, window, "Fifty young people took part.", "off_track", 12)
    assert update.version > before
    assert update.outcome_progress.get().achieved_figure == Decimal("12")
    _page(world, "member", plan)
    assert rendered == [action.pk]


def test_a_returned_update_leaves_the_readers_rows(setup):
    world, plan, actions, window, rendered = setup
    action = actions[2]
    update = _submit(world, action, window, "Submitted, then returned.")
    assert "Submitted, then returned." in _page(world, "member", plan)
    update = services.update_return(
        membership=world.coordinator,
        update=update,
        reason="Add figures",
        seen_version=update.version,
    )
    html = _page(world, "member", plan)
    assert "Submitted, then returned." not in html  # a returned update is not reported progress
    assert "Submitted, then returned." in _page(world, "coordinator", plan)
    assert "Q3, returned for changes" in _page(world, "officer", plan)


def test_a_draft_is_not_served_to_another_reader(setup):
    world, plan, actions, window, rendered = setup
    action = actions[0]
    _submit(world, action, window, "A draft only its author may read.", draft=True)
    # The author and the coordinator read it (each filling the cache) before anyone else.
    assert "A draft only its author may read." in _page(world, "officer", plan)
    assert "A draft only its author may read." in _page(world, "coordinator", plan)
    for persona in ("member", "other_officer", "admin"):
        html = _page(world, persona, plan)
        if persona == "admin":  # administrators coordinate too
            assert "A draft only its author may read." in html
        else:
            assert "A draft only its author may read." not in html, persona
            assert "Q2" in html


def test_a_renamed_organisation_shows_at_once(setup):
    world, plan, actions, window, rendered = setup
    assert 'title="' + world.lead_org.name + '"' in _page(world, "member", plan)
    world.lead_org.name = "Stevenage Borough Council (renamed)"
    world.lead_org.save()
    assert "Stevenage Borough Council (renamed)" in _page(world, "member", plan)


def test_a_row_escapes_what_people_wrote_and_keeps_their_lines(setup):
    world, plan, actions, window, rendered = setup
    action = actions[0]
    action.resources = "Two officers\n<script>one van</script>"
    save_if_unchanged(action, seen_version=action.version)
    _submit(world, action, window, "Met the <b>youth</b> panel.\nNext: the parks.")
    html = _page(world, "member", plan)
    assert "Two officers<br>&lt;script&gt;one van&lt;/script&gt;" in html
    assert "Met the &lt;b&gt;youth&lt;/b&gt; panel.<br>Next: the parks." in html


def test_leads_partners_and_outcomes_saved_with_the_action_show_at_once(setup):
    world, plan, actions, window, rendered = setup
    action = actions[1]
    _page(world, "member", plan)

    def related(saved):
        saved.outcomes.create(text="Twelve street surgeries held")
        saved.partners.add(world.other_org)
        saved.leads.update(officer_role="Youth Services Manager")

    authoring.record_save(
        membership=world.coordinator,
        record=action,
        partnership_id=world.partnership.pk,
        seen_version=action.version,
        save_related=related,
    )
    rendered.clear()
    html = _page(world, "member", plan)
    assert rendered == [action.pk]
    assert "Twelve street surgeries held" in html
    assert f'<abbr title="{world.other_org.name}">' in html
    assert "(Youth Services Manager)" in html

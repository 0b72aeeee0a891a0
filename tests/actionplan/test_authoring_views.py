"""The coordinator's authoring pages: each form saves, keeps what was typed on an error, and the
outline's move, delete-or-archive and restore buttons. (A stale save of each form answering 409
is in tests/sosafe/test_stale_saves.py.)"""

import pytest
from django.urls import reverse

from actionplan.models import Action, ActionPlan, Aim, ExpectedOutcome, Objective, Strategy, Theme
from tests import factories
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"actionplan:{name}", args=[world.partnership.slug, *args])


@pytest.fixture
def coordinator(world):
    return world.client_for("coordinator")


@pytest.fixture
def draft(world):
    strategy = factories.StrategyFactory(partnership=world.partnership)
    objective = factories.ObjectiveFactory(strategy=strategy, number=1, title="Reduce ASB")
    plan = factories.ActionPlanFactory(
        partnership=world.partnership, status="draft", strategy=strategy, title="Plan 2030/31"
    )
    theme = factories.ThemeFactory(plan=plan, number=1, title="ASB")
    theme.objectives.add(objective)
    factories.AimFactory(theme=theme, number=1, text="Prevent ASB")
    return plan


def rows(prefix, count=0, initial=0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(count), f"{prefix}-INITIAL_FORMS": str(initial)}


def assert_error_page(response, *typed):
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error:" in page and 'id="error-summary"' in page
    for value in typed:
        assert value in page, value


# Plans and strategies ------------------------------------------------------------------------


def test_a_coordinator_creates_a_draft_plan(world, coordinator):
    strategy = factories.StrategyFactory(partnership=world.partnership)
    response = coordinator.post(
        url(world, "plan-create"),
        {"year": "2031/32", "title": "Action plan 2031/32", "strategy": strategy.pk, "notes": ""},
    )
    plan = ActionPlan.objects.get(partnership=world.partnership, year="2031/32")
    assert response.status_code == 302 and response.url == url(world, "plan-outline", "2031-32")
    assert plan.status == "draft" and plan.strategy == strategy
    assert plan.history.first().history_user == world.coordinator.user


def test_a_second_plan_for_the_year_is_refused_keeping_what_was_typed(world, coordinator, draft):
    response = coordinator.post(
        url(world, "plan-create"), {"year": str(draft.year), "title": "Typed title"}
    )
    assert_error_page(response, "Typed title", "There is already a plan for")
    assert ActionPlan.objects.filter(partnership=world.partnership).count() == 1


def test_editing_a_plan_and_its_error(world, coordinator, draft):
    edit = url(world, "plan-edit", draft.year.slug)
    assert "Edit “Plan 2030/31”" in coordinator.get(edit).content.decode()
    refused = coordinator.post(edit, {"title": "", "notes": "Kept notes", "version": 1})
    assert_error_page(refused, "Kept notes")
    saved = coordinator.post(edit, {"title": "Renamed", "notes": "n", "version": 1})
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("Renamed", 2)


def test_a_coordinator_writes_a_strategy_with_its_aims(world, coordinator):
    data = {
        "title": "Strategy 2030–2033",
        "start_year": "2030",
        "end_year": "2033",
        "status": "draft",
        "summary": "",
        **rows("aims", 1),
        "aims-0-number": "1",
        "aims-0-text": "Reduce crime",
    }
    assert coordinator.post(url(world, "strategy-create"), data).status_code == 302
    strategy = Strategy.objects.get(partnership=world.partnership, start_year=2030)
    assert list(strategy.aims.values_list("number", "text")) == [(1, "Reduce crime")]
    refused = coordinator.post(
        url(world, "strategy-create"), {**data, "title": "Again", "end_year": "2029"}
    )
    assert_error_page(refused, "Again", "Enter a year after the start year.")
    page = coordinator.get(url(world, "strategy-edit", strategy.pk)).content.decode()
    assert "Changes to this strategy" in page and "Created" in page


def test_objectives_are_added_and_numbered_once(world, coordinator, draft):
    strategy = draft.strategy
    create = url(world, "objective-create", strategy.pk)
    assert 'value="2"' in coordinator.get(create).content.decode()  # the next number
    data = {
        "number": "2",
        "title": "Safer streets",
        "supporting_organisations": [world.lead_org.pk],
    }
    assert coordinator.post(create, data).status_code == 302
    objective = Objective.objects.get(strategy=strategy, number=2)
    assert list(objective.supporting_organisations.all()) == [world.lead_org]
    refused = coordinator.post(create, {"number": "1", "title": "Typed objective"})
    assert_error_page(refused, "Typed objective", "1 is already used")


def test_strategy_page_links_to_authoring_for_coordinators_only(world, draft):
    strategy_url = draft.strategy.get_absolute_url()
    assert (
        "Edit strategy and its aims"
        in world.client_for("coordinator").get(strategy_url).content.decode()
    )
    assert (
        "Edit strategy and its aims"
        not in world.client_for("officer").get(strategy_url).content.decode()
    )


def test_plan_page_has_an_edit_plan_link_for_coordinators_only(world, draft):
    outline = url(world, "plan-outline", draft.year.slug)
    assert outline in world.client_for("coordinator").get(draft.get_absolute_url()).content.decode()
    assert outline not in world.client_for("member").get(draft.get_absolute_url()).content.decode()


# Themes, aims and actions --------------------------------------------------------------------


def test_themes_and_aims_are_added_and_refused_keeping_what_was_typed(world, coordinator, draft):
    objective = draft.strategy.objectives.get()
    create = url(world, "theme-create", draft.year.slug)
    data = {"number": "2", "title": "Violence", "objectives": [objective.pk]}
    assert coordinator.post(create, data).status_code == 302
    theme = Theme.objects.get(plan=draft, number=2)
    assert list(theme.objectives.all()) == [objective]
    assert_error_page(
        coordinator.post(create, {"number": "1", "title": "Typed theme"}), "Typed theme"
    )
    aim_create = url(world, "aim-create", theme.pk)
    assert (
        coordinator.post(aim_create, {"number": "1", "text": "Reduce violence"}).status_code == 302
    )
    assert Aim.objects.get(theme=theme).text == "Reduce violence"
    assert_error_page(coordinator.post(aim_create, {"number": "7", "text": ""}), 'value="7"')


def test_an_action_is_added_with_a_lead_and_an_outcome(world, coordinator, draft):
    aim = Aim.objects.get(theme__plan=draft)
    create = url(world, "action-create", aim.pk)
    page = coordinator.get(create).content.decode()
    assert 'value="a"' in page  # the next letter
    data = {
        "letter": "a",
        "text": "Run diversion sessions",
        "partners": [world.other_org.pk],
        "resources": "Staff time",
        **rows("leads", 1),
        "leads-0-organisation": world.lead_org.pk,
        "leads-0-officer_role": "Community Safety Manager",
        "leads-0-officer": world.officer.user.pk,
        **rows("outcomes", 1),
        "outcomes-0-text": "Sessions delivered",
        "outcomes-0-target": "12",
        "outcomes-0-unit": "sessions",
    }
    assert coordinator.post(create, data).status_code == 302
    action = Action.objects.get(aim=aim)
    lead = action.leads.get()
    assert (lead.organisation, lead.officer_role, lead.officer) == (
        world.lead_org,
        "Community Safety Manager",
        world.officer.user,
    )
    outcome = action.outcomes.get()
    assert (outcome.text, outcome.target, outcome.unit, outcome.order) == (
        "Sessions delivered",
        12,
        "sessions",
        1,
    )
    assert list(action.partners.all()) == [world.other_org]
    refused = coordinator.post(
        create, {**data, "letter": "B!", "text": "Typed action", "leads-0-officer_role": "Kept"}
    )
    assert_error_page(refused, "Typed action", "Kept", "lower-case letters")
    edit = url(world, "action-edit", action.pk)
    assert "Lead added: " in coordinator.get(edit).content.decode()


def test_an_outcome_with_figures_reported_is_not_removed(world, coordinator):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1)
    action = actions[0]
    outcome = action.outcomes.order_by("pk").first()
    update = action.updates.first()
    factories.OutcomeProgressFactory(update=update, outcome=outcome, achieved_figure=3)
    outcomes = list(action.outcomes.order_by("order", "pk"))
    data = {
        "letter": action.letter,
        "text": action.text,
        "version": action.version,
        **rows("leads"),
        **rows("outcomes", len(outcomes), len(outcomes)),
    }
    for index, item in enumerate(outcomes):
        data[f"outcomes-{index}-id"] = item.pk
        data[f"outcomes-{index}-text"] = item.text
        data[f"outcomes-{index}-target"] = "" if item.target is None else str(item.target)
        data[f"outcomes-{index}-unit"] = item.unit
    data["outcomes-0-DELETE"] = "on"
    refused = coordinator.post(url(world, "action-edit", action.pk), data)
    assert_error_page(refused, "has figures reported against it")
    assert ExpectedOutcome.objects.filter(pk=outcome.pk).exists()


# The outline's buttons -----------------------------------------------------------------------


def test_the_outline_offers_delete_or_archive_and_moves(world, coordinator):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=2, themes=1)
    fresh = factories.ActionFactory(aim=actions[0].aim, letter="zz", text="Not started")
    page = coordinator.get(url(world, "plan-outline", plan.year.slug)).content.decode()
    assert f'href="{url(world, "action-remove", fresh.pk)}">Delete<' in page
    assert f'href="{url(world, "action-remove", actions[0].pk)}">Archive<' in page
    assert 'Move down<span class="visually-hidden"> action 1.1 aa)</span>' in page

    moved = coordinator.post(url(world, "action-move", fresh.pk), {"direction": "up"})
    assert moved.status_code == 302 and moved.url.endswith(f"#action-{fresh.pk}")
    fresh.refresh_from_db()
    assert fresh.letter == "ab"
    assert (
        coordinator.post(url(world, "action-move", fresh.pk), {"direction": "x"}).status_code == 400
    )
    outcome = actions[0].outcomes.order_by("order", "pk").last()
    coordinator.post(url(world, "outcome-move", outcome.pk), {"direction": "up"})
    assert actions[0].outcomes.order_by("order", "pk").first() == outcome


def test_remove_deletes_or_archives_and_restore_brings_back(world, coordinator):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, themes=1)
    fresh = factories.ActionFactory(aim=actions[0].aim, letter="zz")
    remove = url(world, "action-remove", fresh.pk)
    assert "can be deleted" in coordinator.get(remove).content.decode()
    assert coordinator.post(remove, {"version": 1}).status_code == 302
    assert not Action.objects.filter(pk=fresh.pk).exists()

    reported = actions[0]
    remove = url(world, "action-remove", reported.pk)
    page = coordinator.get(remove).content.decode()
    assert "cannot be deleted" in page and "Archive the action" in page
    stale = coordinator.post(remove, {"version": 0})
    assert stale.status_code == 409 and "It was not removed" in stale.content.decode()
    assert coordinator.post(remove, {"version": reported.version}).status_code == 302
    reported.refresh_from_db()
    assert reported.archived_at is not None
    coordinator.post(url(world, "action-restore", reported.pk))
    reported.refresh_from_db()
    assert reported.archived_at is None


def test_a_closed_plan_is_not_edited(world, coordinator):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=1, themes=1)
    plan.status = "closed"
    plan.save()
    page = coordinator.get(url(world, "plan-outline", plan.year.slug)).content.decode()
    assert "is closed" in page and "Move up" not in page and "Add a theme" not in page
    assert coordinator.get(url(world, "action-edit", actions[0].pk)).status_code == 403


@pytest.mark.parametrize("size", [2, 8])
def test_the_outline_page_takes_a_fixed_number_of_queries(
    world, coordinator, django_assert_num_queries, size
):
    plan, _ = make_plan(world.partnership, world.lead_org, actions=size, themes=2)
    with django_assert_num_queries(16):
        coordinator.get(url(world, "plan-outline", plan.year.slug))

"""Writing the plan (actionplan.authoring): renumbering, delete or archive, versions, history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from actionplan import authoring, rules
from actionplan.models import Action, ActionLead, ActionPlan, Aim, ExpectedOutcome, Theme
from actionplan.selectors import action_changes
from actionplan.selectors.authoring import plan_changes, plan_outline
from sosafe.concurrency import StaleEdit
from sosafe.history import person_name
from tests import factories
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """A draft plan: theme 1 (aim 1.1: actions a, b, c), theme 2 (aim 2.1), no progress."""
    plan = factories.ActionPlanFactory(partnership=world.partnership, status="draft")
    one = factories.ThemeFactory(plan=plan, number=1, title="One")
    two = factories.ThemeFactory(plan=plan, number=2, title="Two")
    aim = factories.AimFactory(theme=one, number=1, text="Aim one")
    factories.AimFactory(theme=one, number=2, text="Aim two")
    factories.AimFactory(theme=two, number=1, text="Aim of two")
    for letter in "abc":
        action = factories.ActionFactory(aim=aim, letter=letter, text=f"Action {letter}")
        factories.ActionLeadFactory(action=action, organisation=world.lead_org)
    return plan


def _action(plan, letter) -> Action:
    return Action.objects.get(aim__theme__plan=plan, aim__theme__number=1, letter=letter)


def test_moving_an_action_swaps_letters_and_moves_both_versions_on(world, plan):
    b, c = _action(plan, "b"), _action(plan, "c")
    assert authoring.record_move(membership=world.coordinator, record=c, direction="up")
    b.refresh_from_db()
    c.refresh_from_db()
    assert (c.letter, b.letter) == ("b", "c")
    assert (c.version, b.version) == (2, 2)
    assert c.history.first().history_change_reason == "Moved up"
    a = _action(plan, "a")
    assert not authoring.record_move(membership=world.coordinator, record=a, direction="up")


def test_moving_skips_archived_siblings_and_themes_renumber(world, plan):
    b = _action(plan, "b")
    b.archived_at = timezone.now()
    b.save()
    c = _action(plan, "c")
    authoring.record_move(membership=world.coordinator, record=c, direction="up")
    assert [a.text for a in Action.objects.live().filter(aim=c.aim).order_by("letter")] == [
        "Action c",
        "Action a",
    ]
    two = Theme.objects.get(plan=plan, number=2)
    versions_before = list(Action.objects.filter(aim__theme__number=1).values_list("version"))
    authoring.record_move(membership=world.coordinator, record=two, direction="up")
    assert list(Theme.objects.filter(plan=plan).order_by("number").values_list("title")) == [
        ("Two",),
        ("One",),
    ]
    after = list(Action.objects.filter(aim__theme__title="One").values_list("version"))
    assert all(new[0] > old[0] for new, old in zip(after, versions_before, strict=True))


def test_moving_an_aim_down(world, plan):
    first = Aim.objects.get(theme__plan=plan, theme__number=1, number=1)
    authoring.record_move(membership=world.coordinator, record=first, direction="down")
    first.refresh_from_db()
    assert first.number == 2 and first.version == 2


def test_moving_an_outcome_reorders_them_and_moves_the_action_on(world, plan):
    action = _action(plan, "a")
    one, two, three = (
        factories.ExpectedOutcomeFactory(action=action, text=text, order=0)
        for text in ("one", "two", "three")
    )
    assert authoring.outcome_move(membership=world.coordinator, outcome=three, direction="up")
    assert list(action.outcomes.order_by("order").values_list("text", flat=True)) == [
        "one",
        "three",
        "two",
    ]
    action.refresh_from_db()
    assert action.version == 2


def test_an_action_without_progress_is_deleted_with_its_history(world, plan):
    action = _action(plan, "a")
    pk = action.pk
    assert not rules.has_progress(action)
    done = authoring.record_remove(membership=world.coordinator, record=action, seen_version=1)
    assert done == "deleted"
    assert not Action.objects.filter(pk=pk).exists()
    assert Action.history.filter(id=pk, history_type="-").exists()


def test_an_action_with_progress_is_archived_and_drops_out(world, plan):
    action = _action(plan, "a")
    factories.ProgressUpdateFactory(action=action, quarter=1, state="submitted")
    done = authoring.record_remove(membership=world.coordinator, record=action, seen_version=1)
    action.refresh_from_db()
    assert done == "archived" and action.archived_at is not None and action.version == 2
    assert action not in Action.objects.live()
    authoring.action_restore(membership=world.coordinator, action=action)
    action.refresh_from_db()
    assert action.archived_at is None and action in Action.objects.live()


def test_a_theme_holding_progress_is_archived_with_its_aims_and_actions(world, plan):
    theme = Theme.objects.get(plan=plan, number=1)
    assert not rules.has_progress(theme)
    factories.ProgressUpdateFactory(action=_action(plan, "b"), quarter=1)
    assert rules.has_progress(theme) and rules.has_progress(_action(plan, "b").aim)
    done = authoring.record_remove(membership=world.coordinator, record=theme, seen_version=1)
    assert done == "archived"
    assert not Action.objects.live().filter(aim__theme=theme).exists()
    assert not Aim.objects.live().filter(theme=theme).exists()
    assert Action.objects.filter(aim__theme=theme).count() == 3  # kept


def test_an_aim_without_progress_is_deleted_with_its_actions(world, plan):
    aim = Aim.objects.get(theme__plan=plan, theme__number=1, number=1)
    authoring.record_remove(membership=world.coordinator, record=aim, seen_version=1)
    assert not Action.objects.filter(aim__theme__plan=plan, aim__theme__number=1).exists()


def test_a_stale_removal_is_refused(world, plan):
    action = _action(plan, "a")
    with pytest.raises(StaleEdit):
        authoring.record_remove(membership=world.coordinator, record=action, seen_version=0)
    assert Action.objects.filter(pk=action.pk).exists()


def test_saving_leads_and_outcomes_moves_the_action_on(world, plan):
    action = _action(plan, "a")

    def add_related(saved):
        ActionLead.objects.create(action=saved, organisation=world.other_org)
        ExpectedOutcome.objects.create(action=saved, text="More", order=1)

    authoring.record_save(
        membership=world.coordinator,
        record=action,
        partnership_id=plan.partnership_id,
        seen_version=1,
        save_related=add_related,
    )
    action.refresh_from_db()
    assert action.version == 2
    changes = [edit.summary for edit in action_changes(action)]
    assert any(summary.startswith("Lead added: ") for summary in changes)
    assert any(summary.startswith("Expected outcome added") for summary in changes)
    with pytest.raises(StaleEdit):
        authoring.record_save(
            membership=world.coordinator,
            record=action,
            partnership_id=plan.partnership_id,
            seen_version=1,
        )


def test_editing_an_aim_moves_its_actions_on_and_is_in_the_plans_history(world, plan):
    aim = Aim.objects.get(theme__plan=plan, theme__number=1, number=1)
    aim.text = "Aim one, reworded"
    authoring.record_save(
        membership=world.coordinator, record=aim, partnership_id=plan.partnership_id, seen_version=1
    )
    assert set(Action.objects.filter(aim=aim).values_list("version", flat=True)) == {2}
    summaries = [edit.summary for edit in plan_changes(plan)]
    assert "Aim “Aim one, reworded” edited" in summaries
    assert plan_changes(plan)[0].who == person_name(world.coordinator.user)


def test_only_coordinators_write_and_a_closed_plan_is_kept_as_it_was(world, plan):
    theme = Theme.objects.get(plan=plan, number=1)
    with pytest.raises(PermissionDenied):
        authoring.record_move(membership=world.officer, record=theme, direction="down")
    plan.status = ActionPlan.Status.CLOSED
    plan.save()
    with pytest.raises(ValidationError):
        authoring.record_move(membership=world.coordinator, record=theme, direction="down")


def test_next_numbers_and_letters(world, plan):
    aim = Aim.objects.get(theme__plan=plan, theme__number=1, number=1)
    assert authoring.next_letter(aim) == "d"
    assert authoring.next_number(Theme, plan=plan) == 3
    empty = factories.AimFactory(theme=aim.theme, number=9)
    assert authoring.next_letter(empty) == "a"
    factories.ActionFactory(aim=empty, letter="z")
    assert authoring.next_letter(empty) == "aa"


@pytest.mark.parametrize("size", [2, 9])
def test_the_outline_says_what_has_progress_in_a_fixed_number_of_queries(
    world, django_assert_num_queries, size
):
    plan, actions = make_plan(world.partnership, world.lead_org, actions=size, themes=2)
    # progress, themes, their objectives, aims, actions, leads, outcomes
    with django_assert_num_queries(7):
        outline = plan_outline(plan)
        rows = [row for theme in outline for aim in theme.aims for row in aim.actions]
        assert [row.action.ref for row in rows]
        assert all(row.has_progress for row in rows)
        assert all(len(row.action.leads.all()) == 1 for row in rows)


def test_an_outcome_changed_in_the_django_admin_moves_its_action_on(world, plan, client):
    action = _action(plan, "a")
    outcome = factories.ExpectedOutcomeFactory(action=action, text="Old")
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:actionplan_expectedoutcome_change", args=[outcome.pk]),
        {"action": action.pk, "text": "New", "target": "", "unit": "", "order": 0},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.version == 2

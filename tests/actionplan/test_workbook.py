"""The plan's workbook out and back: the export's layout, and progress written offline and
uploaded again through the same rules and services as the update form, all rows or none."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplan import appendix, plan_workbook, services
from actionplan.models import ProgressUpdate
from tests import factories
from tests.conftest import make_plan
from tests.spreadsheet_checks import HOSTILE, assert_kept_as_text

pytestmark = pytest.mark.django_db
State = ProgressUpdate.State


@pytest.fixture
def setup(world):
    """Q3 2024/25 open. Three actions led by the officer's organisation (each with "Outcome
    one", target 10 events, and "Outcome two"; Q1 and Q2 submitted), and one led by another
    organisation."""
    plan, actions = make_plan(world.partnership, world.lead_org, actions=3, year=2024)
    theirs = factories.ActionFactory(aim=actions[0].aim, letter="zz", text="Their action")
    factories.ActionLeadFactory(action=theirs, organisation=world.other_org)
    window = factories.ReportingQuarterFactory(
        plan=plan,
        quarter=3,
        opens_on=datetime.date(2024, 10, 1),
        deadline=datetime.date(2024, 10, 14),
    )
    return world, plan, window, actions, theirs


def _mine(world, name="action-mine-export"):
    return reverse(f"actionplan:{name}", args=[world.partnership.slug])


def _plan_url(world, plan):
    return reverse("actionplan:plan-export", args=[world.partnership.slug, plan.year.slug])


def _download(client, url) -> openpyxl.Workbook:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response)))


def _rows(sheet) -> dict[str, int]:
    """Row number by Reference."""
    headers = [c.value for c in sheet[2]]
    at = headers.index("Reference") + 1
    return {
        sheet.cell(row, at).value: row
        for row in range(3, sheet.max_row + 1)
        if sheet.cell(row, at).value
    }


def _edit(book, action, quarter=3, **cells):
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[2]]
    row = _rows(sheet)[f"A{action.pk}-Q{quarter}"]
    for name, value in cells.items():
        sheet.cell(row, headers.index(name.replace("_", " ").capitalize()) + 1).value = value
    return row


def _upload(client, world, book):
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "my-actions.xlsx"
    return client.post(_mine(world, "action-mine-import"), {"file": out})


def _confirm(client, world, response):
    token = response.context["token"]
    return client.post(_mine(world, "action-mine-import-confirm"), {"token": token})


def _update(action, quarter=3):
    return ProgressUpdate.objects.filter(action=action, quarter=quarter).first()


def test_the_layout_is_the_appendix_with_the_quarter_columns(setup):
    world, plan, window, actions, theirs = setup
    book = _download(world.client_for("officer"), _mine(world))
    sheet = book.worksheets[0]
    assert sheet.cell(1, 1).value.startswith(f"{plan.title}: progress for Q3 2024/25, due ")
    assert [c.value for c in sheet[2]] == [
        *appendix.COLUMNS,
        "Status",
        "Narrative",
        "Figures achieved",
        "Save as",
        "Reference",
        "Version",
    ]
    theme = actions[0].aim.theme
    assert sheet.cell(3, 1).value == f"{theme.number}. {theme.title}"
    assert all(sheet.cell(3, column).value is None for column in range(2, 14))
    assert set(_rows(sheet)) == {f"A{a.pk}-Q3" for a in actions}  # theirs is not mine
    row = _rows(sheet)[f"A{actions[0].pk}-Q3"]
    assert sheet.cell(row, 1).value == f"{actions[0].aim.ref} {actions[0].aim.text}"
    assert sheet.cell(row, 2).value == f"{actions[0].letter}) {actions[0].text}"
    assert sheet.cell(row, 3).value.startswith("SBC")
    assert sheet.cell(row, 6).value == "Outcome one\nOutcome two"
    assert sheet.cell(row, 13).value == 0  # no Q3 update yet
    validations = sheet.data_validations.dataValidation
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in validations}
    assert lists["H"] == '"Not started,On track,At risk,Off track,Complete"'
    assert lists["K"] == '"Draft,Submitted"'
    assert sheet.protection.sheet
    assert not sheet.cell(row, 8).protection.locked
    assert sheet.cell(row, 12).protection.locked


def test_round_trip_saves_drafts_and_submissions_as_the_column_says(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    first = _edit(
        book,
        actions[0],
        status="At risk",
        narrative="Two sessions held.\nVenue lost for March.",
        figures_achieved=4,
        save_as="Submitted",
    )
    second = _edit(book, actions[1], status="On track", narrative="Notes so far", save_as="Draft")
    response = _upload(client, world, book)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.problems == []
    assert sorted(row.line for row in preview.rows) == sorted([first, second])
    assert preview.unchanged == 1
    assert _update(actions[0]) is None  # nothing saved by the preview
    response = _confirm(client, world, response)
    assert response.status_code == 302
    submitted, draft = _update(actions[0]), _update(actions[1])
    assert (submitted.state, submitted.status) == (State.SUBMITTED, "at_risk")
    assert submitted.narrative == "Two sessions held.\nVenue lost for March."
    assert submitted.author == world.officer.user
    assert submitted.outcome_progress.get().achieved_figure == Decimal("4")
    assert (draft.state, draft.status, draft.narrative) == (State.DRAFT, "on_track", "Notes so far")
    assert _update(actions[2]) is None

    # The next download starts from what was saved; uploading it unchanged saves nothing.
    book = _download(client, _mine(world))
    sheet = book.worksheets[0]
    row = _rows(sheet)[f"A{actions[0].pk}-Q3"]
    assert [sheet.cell(row, c).value for c in (8, 10, 11, 13)] == ["At risk", 4, "Submitted", 1]
    response = _upload(client, world, book)
    assert response.context["preview"].unchanged == 3
    assert not response.context["preview"].ok


def test_a_row_changed_in_the_portal_since_the_export_is_refused_and_nothing_is_saved(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    services.update_save_draft(
        membership=world.coordinator,
        action=actions[0],
        window=window,
        content=services.UpdateContent(status="off_track", narrative="The coordinator's note"),
        seen_version=None,
    )
    row = _edit(book, actions[0], status="On track", narrative="Mine", save_as="Submitted")
    _edit(book, actions[1], status="On track", narrative="Also mine", save_as="Submitted")
    response = _upload(client, world, book)
    (problem,) = response.context["preview"].problems
    assert problem.number == row
    assert "changed this action's update in the portal after your copy was made" in problem.reason
    assert "Download a fresh copy" in problem.reason
    html = response.content.decode()
    assert "<title>Error:" in html and "Save these updates" not in html
    assert _update(actions[0]).narrative == "The coordinator's note"
    assert _update(actions[1]) is None


def test_a_change_between_preview_and_confirmation_refuses_the_whole_file(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    _edit(book, actions[0], status="On track", narrative="Mine", save_as="Submitted")
    row = _edit(book, actions[1], status="On track", narrative="Also mine", save_as="Draft")
    preview = _upload(client, world, book)
    assert preview.context["preview"].ok
    services.update_save_draft(
        membership=world.coordinator,
        action=actions[1],
        window=window,
        content=services.UpdateContent(status="off_track", narrative="Meanwhile"),
        seen_version=None,
    )
    response = _confirm(client, world, preview)
    assert response.status_code == 422
    assert [p.number for p in response.context["preview"].problems] == [row]
    assert _update(actions[0]) is None  # all rows or none
    assert _update(actions[1]).narrative == "Meanwhile"


def test_a_row_for_someone_elses_action_is_refused_if_edited(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _plan_url(world, plan))  # the whole plan, theirs included
    assert f"A{theirs.pk}-Q3" in _rows(book.worksheets[0])
    _edit(book, actions[0], status="On track", narrative="Mine", save_as="Submitted")
    response = _upload(client, world, book)
    assert response.context["preview"].ok  # their row, unchanged, is skipped
    row = _edit(book, theirs, status="Complete", narrative="Not mine to say", save_as="Draft")
    response = _upload(client, world, book)
    (problem,) = response.context["preview"].problems
    assert problem.number == row
    assert "Only officers of the organisations that lead this action" in problem.reason
    assert not response.context["preview"].ok
    assert _update(theirs) is None and _update(actions[0]) is None


def test_bad_statuses_and_figures_are_listed_by_row_number(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    first = _edit(book, actions[0], status="Fine", narrative="x", save_as="Submitted")
    second = _edit(book, actions[1], status="On track", figures_achieved="lots", save_as="Draft")
    third = _edit(book, actions[2], status="On track", narrative="", save_as="Submitted")
    _edit(book, actions[2], figures_achieved=-3)
    problems = _upload(client, world, book).context["preview"].problems
    by_row = {problem.number: problem.reason for problem in problems}
    assert set(by_row) == {first, second, third}
    assert "Status: “Fine” is not one of Not started, On track" in by_row[first]
    assert "Figures achieved: “lots” is not a number" in by_row[second]
    assert "Narrative: Write what happened this quarter" in by_row[third]
    assert (
        "Figures achieved (Target 10 events): Enter the figure achieved so far as 0"
        in (by_row[third])
    )
    assert ProgressUpdate.objects.filter(quarter=3).count() == 0


def test_text_that_would_run_as_a_formula_is_exported_as_text_and_read_back_as_typed(setup):
    world, plan, window, actions, theirs = setup
    for action, text in zip(actions, HOSTILE, strict=False):
        factories.ProgressUpdateFactory(action=action, quarter=3, narrative=text, state="draft")
    client = world.client_for("officer")
    response = client.get(_mine(world))
    assert_kept_as_text(b"".join(response), "xlsx", HOSTILE[: len(actions)])
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response)))
    row = _edit(book, actions[0], narrative="=1+1 is what we wrote", save_as="Draft")
    (problem,) = _upload(client, world, book).context["preview"].problems  # a live formula
    assert (problem.number, "Narrative: the cell holds a formula" in problem.reason) == (row, True)
    book.worksheets[0].cell(row, 9).data_type = "s"  # typed as text ('=1+1 in Excel)
    response = _upload(client, world, book)
    assert response.context["preview"].problems == []
    response = _confirm(client, world, response)
    assert response.status_code == 302
    assert _update(actions[0]).narrative == "=1+1 is what we wrote"
    assert _update(actions[1]).narrative == HOSTILE[1]  # unchanged, skipped


def test_the_plan_export_leaves_out_restricted_work_for_those_who_may_not_see_it(world):
    plan, actions = make_plan(
        world.partnership, world.lead_org, actions=4, year=2024, restricted_every=2
    )
    restricted = {f"A{a.pk}" for a in actions if a.restricted}
    for persona, sees in (("member", True), ("other_officer", False), ("officer", True)):
        book = _download(world.client_for(persona), _plan_url(world, plan))
        refs = set(_rows(book.worksheets[0]))
        assert bool(refs & restricted) == sees, persona
        assert len(refs) == (4 if sees else 2)
    sheet = book.worksheets[0]
    assert "no quarter is open" in sheet.cell(1, 1).value
    assert [c.value for c in sheet[2]] == [*appendix.COLUMNS, "Reference"]


def test_the_exports_take_the_same_queries_whatever_the_number_of_actions(world):
    coordinator, officer = world.client_for("coordinator"), world.client_for("officer")
    counts = []
    window = None
    for year, size in ((2024, 3), (2025, 12)):
        if window is not None:  # one open quarter at a time, so My actions has one sheet
            window.state, window.closed_at = "closed", timezone.now()
            window.save()
        plan, actions = make_plan(world.partnership, world.lead_org, actions=size, year=year)
        window = factories.ReportingQuarterFactory(plan=plan, quarter=3)
        factories.ProgressUpdateFactory(action=actions[0], quarter=3, state="draft")
        found = []
        for client, url in ((coordinator, _plan_url(world, plan)), (officer, _mine(world))):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        counts.append(found)
    assert counts[0] == counts[1], counts


def test_uploading_needs_an_open_quarter(world):
    make_plan(world.partnership, world.lead_org, actions=1, year=2024)
    client = world.client_for("officer")
    page = client.get(_mine(world, "action-mine-import"))
    assert "No quarter is open for updates" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main")[-1]
    assert client.post(_mine(world, "action-mine-import")).status_code == 403
    assert client.get(_mine(world)).status_code == 403


def test_a_file_without_the_quarter_columns_is_refused_with_what_to_do(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    book.worksheets[0].delete_cols(11)  # Save as
    response = _upload(client, world, book)
    assert response.status_code == 200
    assert "The file has no Save as column" in response.content.decode()


def test_figures_for_several_numeric_outcomes_are_one_line_each(setup):
    world, plan, window, actions, theirs = setup
    action = actions[0]
    factories.ExpectedOutcomeFactory(action=action, text="Outcome three", target=5, order=9)
    action = type(action).objects.prefetch_related("outcomes").get(pk=action.pk)
    one, two, three = action.outcomes.all()
    cell = plan_workbook.figures_cell(action, {one.pk: Decimal("4"), three.pk: None})
    assert cell == "Target 10 events: 4\nTarget 5:"
    figures, problem = plan_workbook.read_figures(action, "Target 10 events: 4\nx: 2.5 sessions")
    assert problem is None and figures == {one.pk: Decimal("4"), three.pk: Decimal("2.5")}
    assert plan_workbook.read_figures(action, cell)[0] == {one.pk: Decimal("4"), three.pk: None}
    assert "one line for each of the 2 outcomes" in plan_workbook.read_figures(action, 7)[1]
    assert "one line for each" in plan_workbook.read_figures(action, "1: 2")[1]
    assert "“lots” is not a number" in plan_workbook.read_figures(action, "a: 1\nb: lots")[1]


def test_two_years_open_at_once_share_one_sheet_and_both_import(setup):
    world, plan, window, actions, theirs = setup
    next_plan, next_actions = make_plan(world.partnership, world.lead_org, actions=1, year=2025)
    ProgressUpdate.objects.filter(action=next_actions[0]).delete()
    factories.ReportingQuarterFactory(plan=next_plan, quarter=1)
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert "Q3 2024/25" in sheet.cell(1, 1).value and "Q1 2025/26" in sheet.cell(1, 1).value
    assert sheet.cell(3, 1).value.startswith("2025/26 1. ")  # newest first, as on the page
    _edit(book, actions[0], status="On track", narrative="This year", save_as="Submitted")
    _edit(book, next_actions[0], quarter=1, status="On track", narrative="Next", save_as="Draft")
    response = _confirm(client, world, _upload(client, world, book))
    assert response.status_code == 302
    assert _update(actions[0]).state == State.SUBMITTED
    assert _update(next_actions[0], quarter=1).state == State.DRAFT


def test_an_action_taken_out_of_the_plan_is_not_exported_and_takes_no_upload(setup):
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    book = _download(client, _mine(world))
    row = _edit(book, actions[2], status="On track", narrative="Late news", save_as="Draft")
    type(actions[2]).objects.filter(pk=actions[2].pk).update(archived_at=timezone.now())
    assert f"A{actions[2].pk}-Q3" not in _rows(_download(client, _mine(world)).worksheets[0])
    assert f"A{actions[2].pk}-Q3" not in _rows(
        _download(client, _plan_url(world, plan)).worksheets[0]
    )
    (problem,) = _upload(client, world, book).context["preview"].problems
    assert problem.number == row and "taken out of the plan" in problem.reason


def test_a_row_left_as_downloaded_is_skipped_even_when_the_portal_has_moved_on(setup):
    """The coordinator accepts one update and changes another's figure after the download;
    the officer leaves those rows alone and edits a third: it is saved, the two are skipped.
    Had the officer edited the changed one, it would be refused (the file's version is old)."""
    world, plan, window, actions, theirs = setup
    client = world.client_for("officer")
    officer, coordinator = world.officer, world.coordinator

    def save(membership, action, seen, submit=True, figure=None, narrative="Done"):
        numeric = action.outcomes.get(target__isnull=False)
        content = services.UpdateContent(
            status="on_track",
            narrative=narrative,
            outcomes={numeric.pk: services.OutcomeFigures(achieved_figure=figure)},
        )
        save = services.update_submit if submit else services.update_save_draft
        return save(
            membership=membership, action=action, window=window, content=content, seen_version=seen
        )

    accepted = save(officer, actions[0], None)
    figured = save(officer, actions[1], None, figure=Decimal("4"))
    book = _download(client, _mine(world))
    services.update_accept(membership=coordinator, update=accepted, seen_version=1)
    save(coordinator, actions[1], 1, figure=Decimal("6"), narrative="Recounted")
    _edit(book, actions[2], status="On track", narrative="New", save_as="Draft")
    response = _upload(client, world, book)
    preview = response.context["preview"]
    assert (preview.problems, preview.unchanged, len(preview.rows)) == ([], 2, 1)
    assert _confirm(client, world, response).status_code == 302
    assert _update(actions[0]).state == State.ACCEPTED
    assert _update(actions[1]).outcome_progress.get().achieved_figure == Decimal("6")
    assert _update(actions[2]).narrative == "New"

    row = _edit(book, actions[1], figures_achieved=5)
    (problem,) = _upload(client, world, book).context["preview"].problems
    assert problem.number == row and "(version 2 now, 1 in your file)" in problem.reason
    assert figured.version == 1

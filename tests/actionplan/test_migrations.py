"""The workflow's migrations apply to a database that already holds progress updates."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("actionplan", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_existing_updates_become_submitted_version_one_updates():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    try:
        partnership = old.get_model("sosafe", "Partnership").objects.create(
            name="Old CSP", short_name="Old", slug="old"
        )
        plan = old.get_model("actionplan", "ActionPlan").objects.create(
            partnership=partnership, year=2016, title="Plan 2016/17", status="approved"
        )
        theme = old.get_model("actionplan", "Theme").objects.create(plan=plan, number=1, title="T")
        aim = old.get_model("actionplan", "Aim").objects.create(theme=theme, number=1, text="A")
        action = old.get_model("actionplan", "Action").objects.create(aim=aim, letter="a", text="X")
        old.get_model("actionplan", "ProgressUpdate").objects.create(
            action=action, quarter=4, status="complete", narrative="Done before the portal."
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    update = new.get_model("actionplan", "ProgressUpdate").objects.get()
    assert (update.state, update.version, update.status) == ("submitted", 1, "complete")
    assert update.submitted_at == update.updated_at
    assert update.return_reason == ""
    assert new.get_model("actionplan", "ReportingQuarter").objects.count() == 0

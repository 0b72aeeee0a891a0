"""Updates entered before the quarterly workflow existed had been reported but never reviewed
in the portal: they become "submitted" (not drafts), so a coordinator can accept them."""

from django.db import migrations
from django.db.models import F


def mark_submitted(apps, schema_editor):
    ProgressUpdate = apps.get_model("actionplan", "ProgressUpdate")
    ProgressUpdate.objects.filter(state="draft", submitted_at__isnull=True).update(
        state="submitted", submitted_at=F("updated_at"), submitted_by=F("author")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actionplan", "0002_quarterly_update_workflow"),
    ]

    operations = [
        # Going back, 0002 drops the columns this fills.
        migrations.RunPython(mark_submitted, migrations.RunPython.noop),
    ]

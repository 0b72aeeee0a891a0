"""Backup and restore of one partnership: export_partnership / import_partnership."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import models

from sosafe import backup
from sosafe.models import Organisation, Partnership
from tests import factories

# Rebuilt by migrate/flush with keys of their own; no partnership's data.
REBUILT = {"contenttypes.contenttype", "auth.permission", "auth.group_permissions"}


def _every_table() -> dict[str, list[dict]]:
    """Every installed table's rows as serialized values, in key order."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in REBUILT or model._meta.proxy:
            continue
        rows = model._base_manager.order_by("pk")
        tables[model._meta.label_lower] = serializers.serialize("python", rows)
    return tables


def _stored_files() -> dict[str, bytes]:
    files = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                for name in model._base_manager.values_list(field.attname, flat=True):
                    if name:
                        with field.storage.open(name, "rb") as stored:
                            files[name] = stored.read()
    return files


def _reachable_from_partnership(model) -> bool:
    """Independently of sosafe.backup: can the model's foreign keys lead to Partnership?"""
    seen, todo = set(), [model]
    while todo:
        current = todo.pop()
        for field in current._meta.get_fields():
            target = field.related_model if field.concrete and field.is_relation else None
            if target is None or not (field.many_to_one or field.one_to_one):
                continue
            if target is Partnership:
                return True
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return False


def test_every_model_with_a_path_to_partnership_is_backed_up():
    """A new app's model is included without editing the command: this fails if one is not."""
    backed_up = {model for model, _ in backup.partnership_models()}
    reachable = {
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and _reachable_from_partnership(model)
    }
    assert reachable | {Partnership} == backed_up
    labels = {model._meta.label_lower for model in backed_up}
    # History and many-to-many tables are found too.
    assert {"actionplan.historicalprogressupdate", "sosafe.group_members"} <= labels
    assert "funding.historicalfundingbid_objectives" in labels


@pytest.mark.django_db(transaction=True)
def test_round_trip_through_an_empty_database_loses_nothing(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    other = factories.PartnershipFactory(slug="elsewhere")
    factories.OrganisationFactory(partnership=other)
    other.delete()  # the database holds the demo only, so every table must come back whole
    before, files_before = _every_table(), _stored_files()
    assert sum(len(rows) for rows in before.values()) > 1000

    target = tmp_path / "sosafe.zip"
    out = io.StringIO()
    call_command("export_partnership", "sosafe", str(target), stdout=out)
    assert "Wrote 'sosafe'" in out.getvalue()
    with zipfile.ZipFile(target) as archive:
        assert {"manifest.json", "data.json"} <= set(archive.namelist())
        assert len([n for n in archive.namelist() if n.startswith("files/")]) == len(files_before)

    call_command("flush", interactive=False, verbosity=0)
    for name in files_before:
        default_storage.delete(name)
    assert not Partnership.objects.exists()

    call_command("import_partnership", str(target), stdout=io.StringIO())
    after = _every_table()
    for label, rows in before.items():
        for old, new in zip(rows, after[label], strict=False):
            changed = {k: (v, new["fields"].get(k)) for k, v in old["fields"].items()}
            assert old == new, (label, {k: v for k, v in changed.items() if v[0] != v[1]})
    assert after == before
    assert _stored_files() == files_before
    # Keys continue after the restored rows (PostgreSQL's sequences were moved on).
    partnership = Partnership.objects.get(slug="sosafe")
    new = Organisation.objects.create(partnership=partnership, name="New", short_name="NEW")
    assert new.pk > max(row["pk"] for row in before["sosafe.organisation"])

    with pytest.raises(CommandError, match="already in this database"):
        call_command("import_partnership", str(target), stdout=io.StringIO())


@pytest.mark.django_db
def test_rows_of_another_partnership_are_left_out(world):
    gathered = backup.gather(world.partnership)
    partnerships = {p.slug for p in gathered.rows[Partnership]}
    assert partnerships == {"sosafe-test"}
    users = {u.username for u in gathered.rows[type(world.admin.user)]}
    assert "outsider" not in users and "officer" in users
    orgs = {o.pk for o in gathered.rows[Organisation]}
    assert world.outsider.organisation_id not in orgs


@pytest.mark.django_db
def test_import_refuses_keys_already_taken(world, tmp_path):
    target = tmp_path / "b.zip"
    backup.export_partnership("sosafe-test", target)
    world.partnership.delete()  # the partnership has gone, but its users remain
    with pytest.raises(CommandError, match="already holds rows with the backup's keys"):
        call_command("import_partnership", str(target), stdout=io.StringIO())
    assert not Partnership.objects.filter(slug="sosafe-test").exists()


@pytest.mark.django_db
def test_unknown_partnership_and_bad_files_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no partnership 'nowhere'"):
        call_command("export_partnership", "nowhere", str(tmp_path / "x.zip"))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="is not a partnership backup"):
        call_command("import_partnership", str(bad))

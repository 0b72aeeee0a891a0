"""Backup and restore of one partnership: a zip of JSON (Django's serializer, primary keys kept)
and the files its rows name in storage.

Which rows belong to a partnership is worked out, not listed: every installed model (history
tables and many-to-many tables included) with a chain of foreign keys to Partnership, and the
rows those rows point at outside it (the users who wrote, approved or changed things, and the
members). A new app's models are therefore included without changing this module.
"""

import datetime
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q

from sosafe.models import Partnership

FORMAT = "sosafe-partnership-backup"
VERSION = 1
MAX_DEPTH = 10


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why."""


def _forward_relations(model) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


def paths_to_partnership(model, _seen: tuple = ()) -> list[str]:
    """Every chain of foreign keys from ``model`` to Partnership, as ORM lookups
    ("aim__theme__plan__partnership")."""
    if len(_seen) > MAX_DEPTH:
        return []
    found = []
    for fk in _forward_relations(model):
        target = fk.related_model
        if target is Partnership:
            found.append(fk.name)
        elif target not in _seen and target is not model:
            found += [
                f"{fk.name}__{rest}" for rest in paths_to_partnership(target, (*_seen, model))
            ]
    return found


def partnership_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model with a path to Partnership (with its paths), Partnership first."""
    found = [(Partnership, [])]
    for model in apps.get_models(include_auto_created=True):
        if model is Partnership or model._meta.proxy:
            continue
        paths = paths_to_partnership(model)
        if paths:
            found.append((model, paths))
    return found


def _label(model) -> str:
    return model._meta.label_lower


def _rows_of(model, paths: list[str], partnership: Partnership) -> models.QuerySet:
    if model is Partnership:
        return Partnership._base_manager.filter(pk=partnership.pk)
    where = Q()
    for path in paths:
        where |= Q(**{path: partnership.pk})
    return model._base_manager.filter(where).distinct().order_by("pk")


def _local_field_names(model) -> list[str]:
    # Many-to-many links travel as rows of their own tables (keeping their primary keys).
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


@dataclass
class Backup:
    rows: dict[type[models.Model], list] = field(default_factory=dict)

    def add(self, model, objects) -> None:
        known = {obj.pk for obj in self.rows.get(model, [])}
        fresh = [obj for obj in objects if obj.pk not in known]
        if fresh:
            self.rows.setdefault(model, []).extend(fresh)

    def references_outside(self) -> dict[type[models.Model], set]:
        """Rows pointed at by the backup's rows that it does not hold yet (users, mostly)."""
        wanted: dict[type[models.Model], set] = {}
        for model, objects in self.rows.items():
            for fk in _forward_relations(model):
                target = fk.related_model
                held = {obj.pk for obj in self.rows.get(target, [])}
                ids = {getattr(obj, fk.attname) for obj in objects} - held - {None}
                if ids:
                    wanted.setdefault(target, set()).update(ids)
        return wanted

    def file_names(self) -> Iterator[tuple[models.FileField, str]]:
        for model, objects in self.rows.items():
            for file_field in model._meta.concrete_fields:
                if isinstance(file_field, models.FileField):
                    for obj in objects:
                        name = getattr(obj, file_field.attname)
                        if name:
                            yield file_field, str(name)


def gather(partnership: Partnership) -> Backup:
    backup = Backup()
    for model, paths in partnership_models():
        backup.add(model, list(_rows_of(model, paths, partnership)))
    while wanted := backup.references_outside():
        for model, ids in wanted.items():
            found = list(model._base_manager.filter(pk__in=ids).order_by("pk"))
            if len(found) != len(ids):
                raise BackupError(f"{_label(model)} rows are missing: the database is damaged.")
            backup.add(model, found)
    return backup


def export_partnership(slug: str, path) -> dict[str, int]:
    """Write the partnership ``slug`` to a zip at ``path``; returns rows per model."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise BackupError(f"There is no partnership '{slug}'.")
    with transaction.atomic():  # one consistent snapshot
        backup = gather(partnership)
    counts = {_label(model): len(objects) for model, objects in backup.rows.items()}
    data = []
    for model, objects in backup.rows.items():
        data += serializers.serialize(
            "python", sorted(objects, key=lambda o: o.pk), fields=_local_field_names(model)
        )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        files = []
        for file_field, name in backup.file_names():
            if name in files:
                continue
            with file_field.storage.open(name, "rb") as stored:
                archive.writestr(f"files/{name}", stored.read())
            files.append(name)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "partnership": slug,
            "rows": counts,
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        archive.writestr("data.json", _to_json(data))
    return counts


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _to_json(python_rows: list[dict]) -> str:
    return json.dumps(python_rows, cls=_ExactEncoder)


def _read(path) -> tuple[dict, list[dict], zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
        manifest = json.loads(archive.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupError(f"{path} is not a partnership backup ({exc}).") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{path} is not a version {VERSION} partnership backup.")
    return manifest, json.loads(archive.read("data.json")), archive


def _refuse_collisions(manifest: dict, rows: list[dict]) -> None:
    slug = manifest["partnership"]
    if Partnership.objects.filter(slug=slug).exists():
        raise BackupError(
            f"The partnership '{slug}' is already in this database: restore into an empty "
            "database (or delete the partnership first)."
        )
    by_model: dict[str, list] = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row["pk"])
    taken = []
    for label, pks in by_model.items():
        model = apps.get_model(label)
        clash = model._base_manager.filter(pk__in=pks).count()
        if clash:
            taken.append(f"{clash} {label}")
    if taken:
        raise BackupError(
            "This database already holds rows with the backup's keys ("
            + ", ".join(taken)
            + "): restore into an empty database, just migrated."
        )


def import_partnership(path) -> dict[str, int]:
    """Restore a backup written by ``export_partnership``; returns rows per model."""
    manifest, rows, archive = _read(path)
    with archive, transaction.atomic():
        _refuse_collisions(manifest, rows)
        loaded: dict[type[models.Model], int] = {}
        with connection.constraint_checks_disabled():
            for item in serializers.deserialize("python", rows):
                item.save()
                model = type(item.object)
                loaded[model] = loaded.get(model, 0) + 1
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        _reset_sequences(list(loaded))
        _restore_files(manifest, rows, archive)
    return {_label(model): count for model, count in loaded.items()}


def _reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _restore_files(manifest: dict, rows: list[dict], archive: zipfile.ZipFile) -> None:
    storages = {}
    for row in rows:
        model = apps.get_model(row["model"])
        for file_field in model._meta.concrete_fields:
            name = row["fields"].get(file_field.name) if row.get("fields") else None
            if isinstance(file_field, models.FileField) and name:
                storages[name] = file_field.storage
    for name in manifest["files"]:
        storage = storages[name]
        content = archive.read(f"files/{name}")
        if storage.exists(name):
            with storage.open(name, "rb") as stored:
                if stored.read() == content:
                    continue
            raise BackupError(f"Storage already holds a different file named {name}.")
        saved = storage.save(name, ContentFile(content))
        if saved != name:
            raise BackupError(f"Storage renamed {name} to {saved}; nothing was restored.")

"""Who changed what, and when: one shape for every page's history.

Pages read django-simple-history's records through ``edits``: each record is compared with
the previous record of the same object (``diff_against``) and becomes an ``Edit`` — when, who
(named by ``person_name``, the portal's one way to name a person), a summary, the fields that
changed (label, old, new) and a reason where there is one.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models
from django.forms.models import model_to_dict
from django.utils.formats import date_format
from django.utils.text import capfirst

NOT_RECORDED = "someone"


def person_name(user) -> str:
    """How the portal names a person: full name, else username; "someone" when who it was is
    not recorded (e.g. figures loaded from a file). Use ``|capfirst`` to start a sentence."""
    if user is None:
        return NOT_RECORDED
    return user.get_full_name() or user.username


class FieldChange(NamedTuple):
    """One field's change. ``old`` is "" when the record was created."""

    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}" if self.old else f"{self.label}: {self.new}"


class NamedChange(FieldChange):
    """A change named rather than quoted in a summary line (long text, a moved record)."""

    def __str__(self) -> str:
        return f"{self.label} {'changed' if self.old else 'written'}"


@dataclass
class Edit:
    """One recorded change: when, by whom, what it was, what changed and why."""

    when: datetime.datetime
    who: str
    summary: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""


def value_text(model_field, value) -> str:
    """A field's value as the history shows it."""
    if value is None or value == "":
        return "(empty)"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def labels_of(model: type[models.Model], *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Every editable field of ``model`` (many-to-many too) labelled by its verbose name."""
    exclude = set(exclude)
    return {
        f.name: capfirst(str(f.verbose_name))
        for f in [*model._meta.fields, *model._meta.many_to_many]
        if f.editable and not f.primary_key and f.name not in exclude
    }


@dataclass(frozen=True)
class Tracked:
    """What the history shows of a model: its fields in order with their labels, how values
    read, which changes are only named, and what a new record lists: nothing ("quiet"), its
    first values ("values"), or each first value against the field left empty ("from_empty")."""

    model: type[models.Model]
    labels: dict[str, str]
    show: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    named_only: frozenset[str] = frozenset()
    on_create: str = "quiet"

    def shown(self, name: str, value) -> str:
        if name in self.show:
            return self.show[name](value)
        return value_text(self.model._meta.get_field(name), value)

    def _change(self, name: str, old: str, new: str) -> FieldChange:
        kind = NamedChange if name in self.named_only else FieldChange
        return kind(self.labels[name], old, new)

    def changes(self, record, previous) -> list[FieldChange]:
        """What changed from ``previous`` (a record of the same object, or None) to ``record``."""
        if record.history_type == "-":
            if self.on_create != "from_empty":
                return []
            values = model_to_dict(record, fields=list(self.labels))
            return [
                self._change(name, self.shown(name, values[name]), self.shown(name, None))
                for name in self.labels
            ]
        if previous is None:
            if self.on_create == "quiet":
                return []
            values = model_to_dict(record, fields=list(self.labels))
            return [
                self._change(
                    name,
                    self.shown(name, None) if self.on_create == "from_empty" else "",
                    self.shown(name, values[name]),
                )
                for name in self.labels
                if values.get(name) not in (None, "", False, [])
            ]
        delta = record.diff_against(previous, included_fields=list(self.labels))
        by_field = {change.field: change for change in delta.changes}
        return [
            self._change(
                name, self.shown(name, by_field[name].old), self.shown(name, by_field[name].new)
            )
            for name in self.labels
            if name in by_field
        ]


def edits(
    records: Iterable,
    tracked: Tracked,
    *,
    summary: Callable[[Any, Any], str] | None = None,
    reason: Callable[[Any, Any], str] | None = None,
    skip_unchanged: bool = True,
) -> list[Edit]:
    """An ``Edit`` per historical record, oldest first (``records`` must be in that order; one
    object or many). ``summary(record, previous)`` says what it was (default: Created, Changed,
    Deleted); with ``skip_unchanged`` a change of none of the tracked fields is left out."""
    previous_of: dict[Any, Any] = {}
    result = []
    for record in records:
        key = getattr(record, record.instance_type._meta.pk.attname)
        previous = previous_of.get(key)
        previous_of[key] = record
        changes = tracked.changes(record, previous)
        if skip_unchanged and record.history_type == "~" and previous and not changes:
            continue
        result.append(
            Edit(
                when=record.history_date,
                who=person_name(record.history_user),
                summary=(summary or default_summary)(record, previous),
                changes=changes,
                reason=reason(record, previous) if reason else "",
            )
        )
    return result


def default_summary(record, previous) -> str:
    return {"+": "Created", "-": "Deleted"}.get(record.history_type, "Changed")


def joined(edits_list: list[Edit], within: datetime.timedelta) -> list[Edit]:
    """Edits by the same person this close together as one (a save that writes a record and
    then its many-to-many rows leaves two records)."""
    result: list[Edit] = []
    for edit in edits_list:
        last = result[-1] if result else None
        if last and last.who == edit.who and edit.when - last.when <= within:
            last.changes.extend(edit.changes)
        else:
            result.append(edit)
    return result


def attach(parents: list[Edit], children: list[Edit], *, summary: str) -> list[Edit]:
    """Edits of dependent records (figures, a breakdown) folded into the latest edit of their
    parent made at or before them; one made on its own becomes an edit called ``summary``.
    Both lists oldest first; returns the parents' list, oldest first."""
    result = list(parents)
    for child in children:
        if not child.changes:
            continue
        earlier = [edit for edit in result if edit.when <= child.when]
        owner = max(earlier, key=lambda edit: edit.when) if earlier else None
        if owner is None:
            result.append(Edit(child.when, child.who, summary, list(child.changes)))
        else:
            owner.changes.extend(child.changes)
    result.sort(key=lambda edit: edit.when)
    return result

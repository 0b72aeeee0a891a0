"""Optimistic concurrency: no edit silently overwrites another.

A versioned record carries a ``version`` number. An edit form carries the version the person
started from; saving checks it still matches (under a row lock) and bumps it. If someone else
saved in between, ``StaleEdit`` is raised with the record as it now is, and the form is shown
again (409) with what changed, keeping everything the person typed.

Every change to a versioned record goes through ``save_if_unchanged`` (or
``delete_if_unchanged``): the portal's services, the imports and the admin
(``VersionedAdminMixin``). A new record is saved as usual, at version 1.
"""

import copy
import datetime
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.text import capfirst

from sosafe.history import NOT_RECORDED, person_name


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    def __init__(self, current: VersionedModel):
        super().__init__(f"{current} was changed by someone else.")
        self.current = current


def check_unchanged(current: VersionedModel, *, seen_version: int | None) -> None:
    """Refuse an edit that did not start from the version now saved."""
    if current.version != seen_version:
        raise StaleEdit(current)


def _locked(instance: VersionedModel) -> VersionedModel:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def save_if_unchanged(
    instance: VersionedModel,
    *,
    seen_version: int | None,
    overwrite: bool = False,
    already_locked: bool = False,
) -> None:
    """Save ``instance`` if its row is still at ``seen_version``; raise ``StaleEdit`` if not.

    ``overwrite`` skips the comparison (an import whose preview the coordinator confirmed):
    the version still moves on, so anyone editing the record meanwhile is told.

    ``already_locked``: the caller read ``instance`` with ``select_for_update`` in the
    transaction it is still in, and has not changed its version since; its row is not read
    and locked a second time.
    """
    if already_locked:
        if not transaction.get_connection().in_atomic_block:
            raise transaction.TransactionManagementError(
                "already_locked needs the transaction that locked the row."
            )
        if not overwrite:
            check_unchanged(instance, seen_version=seen_version)
        instance.version += 1
        instance.save()
        return
    with transaction.atomic():
        current = _locked(instance)
        if not overwrite:
            check_unchanged(current, seen_version=seen_version)
        instance.version = current.version + 1
        instance.save()


def delete_if_unchanged(instance: VersionedModel, *, seen_version: int | None) -> None:
    """Delete ``instance`` only if nobody changed it since ``seen_version``."""
    with transaction.atomic():
        check_unchanged(_locked(instance), seen_version=seen_version)
        instance.delete()


class VersionedFormMixin(forms.Form):
    """Adds the hidden version a form started from; pair with ``save_if_unchanged``."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def conflicts(self, current: models.Model) -> list["Change"]:
        """What the other person saved differently from what this form submitted."""
        return conflicting_changes(self, current)


@dataclass(frozen=True)
class Change:
    label: str
    theirs: str
    yours: str


def conflicting_changes(form: forms.Form, current: models.Model) -> list[Change]:
    """The fields someone else saved differently from what this form submitted."""
    changes = []
    for name, form_field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        theirs = _display(model_field, model_field.value_from_object(current))
        yours = _display(model_field, form.cleaned_data[name])
        if theirs != yours:
            changes.append(Change(str(form_field.label), theirs, yours))
    return changes


def _display(model_field, value) -> str:
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value if value is not None else ""))
    if hasattr(value, "pk"):
        return str(value)
    return "" if value is None else str(value)


# The page that says so ------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Why a save was refused: someone else saved the record first. Shown by
    ``includes/conflict.html``; ``changes`` is theirs beside yours."""

    heading: str
    saved_by: str = ""  # how the portal names a person; "" when not known
    saved_at: datetime.datetime | None = None
    changes: list[Change] = field(default_factory=list)
    kept_form: bool = True  # what was typed is in the form below
    refused: str = ""  # for a refused action (accept, remove): what was not done


def last_saved(record: models.Model) -> tuple[str, datetime.datetime | None]:
    """Who saved the record last, and when, from its history."""
    latest = record.history.select_related("history_user").order_by("-history_date").first()
    if latest is None:
        return "", None
    return person_name(latest.history_user), latest.history_date


def conflict_of(
    current: VersionedModel, *, what: str, changes: list[Change] = (), **kwargs
) -> Conflict:
    saved_by, saved_at = last_saved(current)
    heading = kwargs.pop("heading", f"Someone else saved this {what} while you were editing it")
    return Conflict(heading, saved_by, saved_at, list(changes), **kwargs)


def with_version(data: QueryDict, current: VersionedModel, name: str = "version") -> QueryDict:
    """What was typed, now starting from the version saved: saving again replaces it knowingly."""
    data = data.copy()
    data[name] = current.version
    return data


def stale_edit_response(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    current: VersionedModel,
    form_for,
    what: str,
    extra_changes: list[Change] = (),
) -> HttpResponse:
    """The edit form again, answering 409: everything typed kept, now starting from the version
    saved, with a conflict box listing their saved values beside what was typed.

    ``form_for(data, current)`` builds the page's form bound to ``data`` for ``current``.
    """
    # A ModelForm writes what was typed onto its instance: give it a copy, keep theirs intact.
    form = form_for(with_version(request.POST, current), copy.copy(current))
    form.is_valid()
    changes = [*form.conflicts(current), *extra_changes]
    conflict = conflict_of(current, what=what, changes=changes)
    return render(
        request, template_name, {**context, "form": form, "conflict": conflict}, status=409
    )


# The Django admin -----------------------------------------------------------------------------

STALE_IN_ADMIN = (
    "{saved_by} saved this {what} at {when} since you opened this page, so your changes were "
    "not saved. {differences}Save again to replace their version with yours, or reload the "
    "page to start from theirs."
)


class VersionedAdminMixin(admin.ModelAdmin):
    """For the ModelAdmin of a versioned model: the change form carries the version it was
    opened at; a save from an older version is refused with a message saying what differs,
    and every save moves the version on, so forms open in the portal become stale."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if "version" in fields else [*fields, "version"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "seen_version"]
        base = super().get_form(request, obj, change=change, **kwargs)
        if not change:
            return base
        what = str(self.model._meta.verbose_name)

        class VersionedAdminForm(base):
            seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                if self.instance.pk:
                    self.fields["seen_version"].initial = self.instance.version

            def clean(self):
                cleaned = super().clean()
                # The admin saves inside one transaction: this lock holds until it is saved.
                current = _locked(self.instance)
                seen = cleaned.get("seen_version")
                if current.version != seen:
                    saved_by, saved_at = last_saved(current)
                    differences = "; ".join(
                        f"{c.label}: now “{c.theirs}”, yours “{c.yours}”"
                        for c in conflicting_changes(self, current)
                    )
                    self.data = with_version(self.data, current, self.add_prefix("seen_version"))
                    raise forms.ValidationError(
                        STALE_IN_ADMIN.format(
                            saved_by=capfirst(saved_by or NOT_RECORDED),
                            what=what,
                            when=f"{saved_at:%H:%M on %d/%m/%Y}" if saved_at else "a moment ago",
                            differences=f"What differs: {differences}. " if differences else "",
                        ),
                        code="stale",
                    )
                return cleaned

        return VersionedAdminForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and "seen_version" not in fields:
            fields.append("seen_version")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            save_if_unchanged(obj, seen_version=form.cleaned_data.get("seen_version"))
        else:
            super().save_model(request, obj, form, change)

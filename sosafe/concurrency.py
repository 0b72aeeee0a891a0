"""Optimistic concurrency: no edit silently overwrites another.

A versioned record carries a ``version`` number. An edit form carries the version the person
started from; saving checks it still matches (under a row lock) and bumps it. If someone else
saved in between, ``StaleEdit`` is raised with the record as it now is, and the form is shown
again with what changed, keeping everything the person typed.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    def __init__(self, current: VersionedModel):
        super().__init__(f"{current} was changed by someone else.")
        self.current = current


def save_if_unchanged(instance: VersionedModel, *, seen_version: int) -> None:
    """Save ``instance`` if its row is still at ``seen_version``; raise ``StaleEdit`` if not."""
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != seen_version:
            raise StaleEdit(current)
        instance.version = current.version + 1
        instance.save()


class VersionedFormMixin(forms.Form):
    """Adds the hidden version a ModelForm started from; pair with ``save_if_unchanged``."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")


@dataclass(frozen=True)
class Change:
    label: str
    theirs: str
    yours: str


def conflicting_changes(form: forms.ModelForm, current: models.Model) -> list[Change]:
    """The fields someone else saved differently from what this form submitted."""
    changes = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        theirs = _display(model_field, model_field.value_from_object(current))
        yours = _display(model_field, form.cleaned_data[name])
        if theirs != yours:
            changes.append(Change(str(field.label), theirs, yours))
    return changes


def _display(model_field, value) -> str:
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value if value is not None else ""))
    if hasattr(value, "pk"):
        return str(value)
    return "" if value is None else str(value)

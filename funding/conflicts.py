"""What another person changed while someone was editing, in words."""

from django import forms

from funding.filters import objective_label
from sosafe.concurrency import Change, conflicting_changes


def bid_conflicts(form: forms.ModelForm, current) -> list[Change]:
    """``conflicting_changes`` plus the objectives, compared as sets rather than as text."""
    objectives_label = str(form.fields["objectives"].label)
    changes = [c for c in conflicting_changes(form, current) if c.label != objectives_label]
    theirs = list(current.objectives.select_related("strategy"))
    yours = list(form.cleaned_data.get("objectives") or [])
    if {o.pk for o in theirs} != {o.pk for o in yours}:
        changes.append(
            Change(
                objectives_label,
                "; ".join(objective_label(o) for o in theirs) or "none",
                "; ".join(objective_label(o) for o in yours) or "none",
            )
        )
    return changes


def last_change(record) -> dict | None:
    """Who saved the record last, and when (from its history)."""
    latest = record.history.select_related("history_user").first()
    if latest is None:
        return None
    user = latest.history_user
    return {
        "who": (user.get_full_name() or user.username) if user else "someone",
        "when": latest.history_date,
    }

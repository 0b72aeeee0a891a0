"""Form helpers every app shares: the error summary's lines and the portal's sign-in form."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

# The id of the first error that is not about one field (see includes/error_summary.html).
FORM_ERRORS_ID = "form-errors"


def error_summary(form, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(field id, "Label: message") for every error of ``form``, in the form's order, for the
    error summary at the top of a page (templates/includes/error_summary.html). ``labels``
    names fields whose own label does not say enough out of context."""
    labels = labels or {}
    summary = []
    for name in [*form.fields, "__all__"]:
        for message in form.errors.get(name, []):
            if name == "__all__" or name not in form.fields:
                summary.append(("", message))
            else:
                label = labels.get(name) or form.fields[name].label or form[name].label
                summary.append((form[name].auto_id, f"{label}: {message}"))
    return summary


class ErrorSummaryMixin:
    def error_summary(self) -> list[tuple[str, str]]:
        return error_summary(self)


def summary_lines(form) -> list[tuple[str, str]]:
    """The form's own `error_summary()` if it has one (to name fields better), else the above."""
    own = getattr(form, "error_summary", None)
    return own() if callable(own) else error_summary(form)


def formset_error_summary(formset) -> list[tuple[str, str]]:
    """The same for each row of a formset ("Row 2, Count: ..."; a formset's ``row_label``
    names its rows otherwise: "Lead 2, ..."), then its own errors."""
    summary = []
    row_label = getattr(formset, "row_label", "Row")
    for number, form in enumerate(formset.forms, start=1):
        for field_id, message in summary_lines(form) if form.errors else []:
            summary.append((field_id, f"{row_label} {number}, {message}"))
    summary += [("", message) for message in formset.non_form_errors()]
    return summary


class SignInForm(AuthenticationForm):
    """Django's sign-in form whose "wrong username or password" is tied to both fields."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": FORM_ERRORS_ID}
                )
            raise

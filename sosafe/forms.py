"""Form helpers every app shares: the error summary's lines, a field's Bootstrap group and the
portal's sign-in form."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


def _widget_classes(widget: forms.Widget, bootstrap: str) -> str:
    """The widget's class attribute as crispy-forms sets it: its own classes, its class name
    in lower case, then Bootstrap's classes."""
    own = widget.attrs.get("class", "")
    name = type(widget).__name__.lower()
    classes = (own if name in own else f"{own} {name}") if own else name
    for css_class in bootstrap.split():
        if css_class not in classes.split():
            classes += f" {css_class}"
    return classes


def _can_draw(field: forms.BoundField) -> bool:
    widget = field.field.widget
    wraps_widgets = hasattr(widget, "widget") or hasattr(widget, "widgets")
    special = (forms.FileInput, forms.RadioSelect)  # RadioSelect: CheckboxSelectMultiple too
    return (
        not (wraps_widgets or isinstance(widget, special) or field.field.show_hidden_initial)
        and not field.use_fieldset
    )


def field_group(field: forms.BoundField) -> SafeString:
    """A field as a Bootstrap 5 group: label, widget, errors, help text. The same markup as
    crispy-forms' ``|as_crispy_field`` (bootstrap5, no FormHelper), less its whitespace, drawn
    without its five templates; widgets it does not draw (files, radios, multi-widgets) go to
    crispy-forms. Django adds aria-invalid and aria-describedby (help text, errors)."""
    if field.is_hidden:
        return field.as_widget()
    if getattr(field.form, "helper", None) is not None or not _can_draw(field):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    widget = field.field.widget
    errors = field.errors
    invalid = " is-invalid" if errors else ""
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    if is_checkbox:
        bootstrap = "form-check-input"
    elif isinstance(widget, forms.Select):
        bootstrap = "form-select"
    else:
        bootstrap = "form-control"
    control = field.as_widget(attrs={"class": _widget_classes(widget, bootstrap + invalid)})
    required = field.field.required
    required_class = " requiredField" if required else ""
    asterisk = mark_safe('<span class="asteriskField">*</span>') if required else ""
    extra_classes = field.css_classes()
    extra_classes = f" {extra_classes}" if extra_classes else ""
    parts = []
    if is_checkbox:
        parts += [
            control,
            format_html(
                '<label for="{}" class="form-check-label{}">{}{}</label>',
                field.id_for_label,
                required_class,
                field.label,
                asterisk,
            ),
        ]
    else:
        if field.label:
            label_for = format_html('for="{}" ', field.id_for_label) if field.id_for_label else ""
            parts.append(
                format_html(
                    '<label {}class="form-label{}">{}{}</label>',
                    label_for,
                    required_class,
                    field.label,
                    asterisk,
                )
            )
        parts.append(control)
    if errors:
        lines = format_html_join(
            "\n",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, field.auto_id, error) for number, error in enumerate(errors, start=1)),
        )
        parts.append(
            format_html(
                '<div id="{}_error" class="invalid-feedback">\n{}\n</div>', errors.field_id, lines
            )
        )
    if field.help_text:
        help_id = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
        # Help text is the developer's, and may hold markup (as crispy-forms treats it).
        parts.append(
            format_html('<div {}class="form-text">{}</div>', help_id, mark_safe(field.help_text))  # noqa: S308
        )
    group_class = "form-check" if is_checkbox else "mb-3"
    group = format_html(
        '<div id="div_{}" class="{}{}">\n{}\n</div>',
        field.auto_id,
        group_class,
        extra_classes,
        mark_safe("\n".join(parts)),  # noqa: S308 (each part is escaped above)
    )
    return format_html('<div class="mb-3">\n{}\n</div>', group) if is_checkbox else group


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

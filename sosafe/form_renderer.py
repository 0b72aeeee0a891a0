"""The portal's form renderer (settings.FORM_RENDERER): Django's, but the commonest widgets
(<select>, <textarea> and every plain <input>) are drawn here.

Django's select template includes a template per <option>, and each of those includes the
attributes' template: a 20-option select costs about 40 template renders, a text box three.
The markup below is exactly what those templates give (tests/sosafe/test_form_renderer.py
compares the two); any other template, or a select whose options use another template, is
left to Django.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# Django's templates that are only ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in [
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    ]
)  # fmt: skip


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: escaped unless already safe."""
    return conditional_escape(value) if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _is_text(value) -> bool:
    # {{ value }} localizes numbers and dates; plain text is only escaped.
    return isinstance(value, (str, Promise))


def select_html(widget: dict) -> str | None:
    """The select template's output for this widget context, or None to leave it to Django."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            if not _is_text(group_name):
                return None
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE or not _is_text(option["label"]):
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def input_html(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def textarea_html(widget: dict) -> str:
    name = conditional_escape(widget["name"])
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        drawn = None
        if template_name in INPUT_TEMPLATES:
            drawn = input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE:
            drawn = textarea_html(context["widget"])
        elif template_name == SELECT_TEMPLATE:
            drawn = select_html(context["widget"])
        if drawn is not None:
            return drawn
        return super().render(template_name, context, request=request)

"""The portal's own template tags: nothing here knows an app or reads the database."""

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.utils.safestring import mark_safe

from sosafe.history import person_name
from sosafe.icons import badge_html, icon_html
from sosafe.links import fixed_link

register = template.Library()


@register.simple_tag
def icon(name: str) -> str:
    """``{% icon "tick" %}``: an icon from the portal's sprite (``sosafe.icons``)."""
    return icon_html(name)


@register.simple_tag
def link(name: str, *args) -> str:
    """``{% link "reports:home" slug %}``: ``{% url %}`` for the links every page draws,
    reversed once per process (``sosafe.links.fixed_link``)."""
    return fixed_link(name, *args)


@register.simple_tag
def badge(status: str, label: str, icon: str) -> str:
    """``{% badge "target-met" "Target met" "tick" %}``: a status badge, text and icon."""
    return badge_html(status, label, icon)


@register.filter
def lines(text: str) -> list[str]:
    """Split newline-separated text into its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def person(user) -> str:
    """A person as the portal names them (``sosafe.history.person_name``)."""
    return person_name(user)


@register.filter
def by_person(user) -> str:
    """ " by <name>", or nothing when who it was is not recorded."""
    return f" by {person_name(user)}" if user is not None else ""


class BreadcrumbsNode(template.Node):
    def __init__(self, trail: list[FilterExpression], current: template.NodeList):
        self.trail = trail
        self.current = current

    def render(self, context: Context) -> str:
        values = [part.resolve(context) for part in self.trail]
        crumbs = [(url, label) for url, label in zip(values[::2], values[1::2], strict=True) if url]
        # The content is rendered (and escaped) here already: the include must not escape it again.
        current = mark_safe(self.current.render(context).strip())  # noqa: S308
        include = context.template.engine.get_template("includes/breadcrumbs.html")
        with context.push(crumbs=crumbs, current=current):
            return include.render(context)


@register.tag
def breadcrumbs(parser: Parser, token: Token) -> BreadcrumbsNode:
    """``{% breadcrumbs url "Label" … %}This page{% endbreadcrumbs %}``: the partnership home,
    then each (url, label) pair, then the current page (the tag's content). A pair whose url
    is empty (e.g. the bid of a form that records a new one) is left out."""
    bits = token.split_contents()[1:]
    if len(bits) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes (url, label) pairs")
    trail = [parser.compile_filter(bit) for bit in bits]
    current = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(trail, current)


@register.simple_tag
def field(bound_field) -> str:
    """``{% field form.status %}``: a form field as a Bootstrap 5 group, the markup of crispy's
    ``|as_crispy_field`` at a fraction of its cost (``sosafe.forms.field_group``); use it for
    any field a page draws one by one."""
    from sosafe.forms import field_group

    return field_group(bound_field)


@register.inclusion_tag("includes/error_summary.html")
def form_errors(form, formset=None, intro: str = "") -> dict:
    """The error summary at the top of a form (and its formset, or a list of formsets): each
    problem links to its field."""
    from sosafe.forms import FORM_ERRORS_ID, formset_error_summary, summary_lines

    errors = summary_lines(form) if form is not None and form.errors else []
    for one in formset if isinstance(formset, (list, tuple)) else [formset]:
        if one is not None:
            errors += formset_error_summary(one)
    form_wide = [index for index, (field_id, _message) in enumerate(errors) if not field_id]
    return {
        "errors": errors,
        "intro": intro,
        "form_error_at": form_wide[0] if form_wide else -1,
        "form_errors_id": FORM_ERRORS_ID,
    }

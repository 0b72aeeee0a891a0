"""The portal's icons: one SVG sprite (static/sosafe/icons.svg) that each icon references with
``<svg><use href="…#name"/></svg>``, so a page of 300 status badges carries 300 short
references rather than 300 copies of the drawing. An icon is never the only sign: it always
sits beside its words, and is hidden from assistive technology (``aria-hidden``)."""

from functools import cache
from html import escape

from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

SPRITE = "sosafe/icons.svg"
# The symbols the sprite holds; any other name is drawn as the plain circle.
ICONS = frozenset(
    {"tick", "arrow", "arrow-up", "arrow-down", "arrow-flat", "dash", "warning", "cross", "circle"}
)


@cache
def sprite_url() -> str:
    """The sprite's address (with its content hash in production), worked out once."""
    return static(SPRITE)


def _forget_sprite_url(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STORAGES"}:
        sprite_url.cache_clear()
        icon_html.cache_clear()


setting_changed.connect(_forget_sprite_url)


# Plain string formatting with html.escape (what Django's escape does underneath) rather than
# format_html: these run for every row of long tables, and format_html costs ten times more.


@cache
def icon_html(name: str) -> SafeString:
    name = name if name in ICONS else "circle"
    return mark_safe(  # noqa: S308 (the address and name are escaped)
        '<svg class="icon" width="16" height="16" aria-hidden="true" focusable="false">'
        f'<use href="{escape(sprite_url())}#{name}"/></svg>'
    )


def badge_html(status: str, label: str, icon: str) -> SafeString:
    """A status badge: its icon and its words, coloured by ``status-<status>`` as well."""
    return mark_safe(  # noqa: S308 (escaped)
        f'<span class="status status-{escape(str(status))}">{icon_html(icon)}'
        f"<span>{escape(str(label))}</span></span>"
    )

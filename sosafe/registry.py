"""What each app contributes to the portal as a whole, registered from its AppConfig.ready().

The core imports no app above it: the demo command, the navigation bar and the partnership home
page ask this registry instead. Each contribution carries an ``order`` (lower first) and a
``key``, so registering twice (ready() may run more than once) replaces rather than repeats.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sosafe.links import fixed_link
from sosafe.models import Membership, Partnership

DemoLoader = Callable[[Partnership, dict], None]
Predicate = Callable[[Membership], bool]
PanelProvider = Callable[[Membership], Any]


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    allowed: Predicate
    order: int


@dataclass(frozen=True)
class NavLink:
    href: str
    label: str


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    provider: PanelProvider
    order: int


@dataclass(frozen=True)
class Panel:
    """One home-page panel ready to draw: its template and the data it shows."""

    key: str
    template: str
    data: Any


_demo_loaders: dict[str, tuple[int, DemoLoader]] = {}
_nav_entries: dict[str, NavEntry] = {}
_home_panels: dict[str, HomePanel] = {}


def register_demo(key: str, loader: DemoLoader, *, order: int) -> None:
    """``loader(partnership, memberships)`` adds the app's demo data; lower ``order`` runs first."""
    _demo_loaders[key] = (order, loader)


def register_nav(key: str, label: str, url_name: str, *, allowed: Predicate, order: int) -> None:
    """A link in the main navigation bar, shown to the members ``allowed`` says."""
    _nav_entries[key] = NavEntry(key, label, url_name, allowed, order)


def register_home_panel(key: str, template: str, provider: PanelProvider, *, order: int) -> None:
    """A panel of the partnership home page: ``provider(membership)`` returns the template's
    data, or None when this member is not shown the panel."""
    _home_panels[key] = HomePanel(key, template, provider, order)


def demo_loaders() -> list[DemoLoader]:
    return [loader for _, loader in sorted(_demo_loaders.values(), key=lambda pair: pair[0])]


def nav_links(membership: Membership) -> list[NavLink]:
    slug = membership.partnership.slug
    return [
        NavLink(fixed_link(entry.url_name, slug), entry.label)
        for entry in sorted(_nav_entries.values(), key=lambda entry: entry.order)
        if entry.allowed(membership)
    ]


def home_panels(membership: Membership) -> list[Panel]:
    panels = []
    for panel in sorted(_home_panels.values(), key=lambda panel: panel.order):
        data = panel.provider(membership)
        if data is not None:
            panels.append(Panel(panel.key, panel.template, data))
    return panels

"""Links for long tables: reverse a URL once and fill in each row's primary key, rather than
reversing it again for every row (``reverse`` costs about as much as rendering a cell); and
links every page draws (the navigation bar), reversed once per process."""

import functools
from collections.abc import Callable

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

ROW = object()  # stands for the row's primary key among the arguments
_MARKER = 918_273_645_546_372_819  # an integer no real key reaches


def row_link(name: str, *args) -> Callable[[int], str]:
    """``row_link("actionplan:action-detail", slug, ROW)(pk)`` is
    ``reverse("actionplan:action-detail", args=[slug, pk])``."""
    url = reverse(name, args=[_MARKER if arg is ROW else arg for arg in args])
    prefix, suffix = url.split(str(_MARKER))
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


@functools.lru_cache(maxsize=4096)
def _reversed(script_prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def fixed_link(name: str, *args) -> str:
    """``reverse(name, args=args)``, remembered for the process: for the links every page
    draws, whose arguments are few (a partnership's slug)."""
    return _reversed(get_script_prefix(), get_urlconf(), name, args)


@receiver(setting_changed)
def _forget_links(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()

"""The plan table's rows, rendered once and kept in the cache (``CACHES``, see settings).

A row's HTML depends on the action (its own fields, and its leads, partners and outcomes, all of
which move ``Action.version`` on), on the update the reader is shown (its pk and version: status,
quarter, state and narrative; its outcome figures belong to it too), on the partnership's
organisations (named in the lead and partner cells), on the partnership's slug (the links) and on
the row's templates. The key holds every one of them, so any change makes a new key and the old
fragment is never read again (it expires). Nothing else about the reader enters a row: which
update they may see (drafts only to their author and the coordinators, accepted updates only in
anything public) is decided by ``rules.shown_updates_filter`` before the key is made, and the
rows carry no links that depend on the role.
"""

import functools
import hashlib
from pathlib import Path

from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from actionplan.models import Action
from actionplan.selectors import fill_plan_rows
from sosafe.icons import sprite_url
from sosafe.models import Membership, Organisation, Partnership

ROW_TEMPLATE = "actionplan/includes/plan_row.html"
# Rows under keys that are no longer asked for age out; a row still asked for stays correct.
ROW_SECONDS = 24 * 60 * 60


@functools.cache
def _markup_code() -> str:
    """The code that writes markup into a row besides its template (the tags and icons): a
    release that changes it changes every key, so no row drawn by older code is served."""
    from actionplan.templatetags import actionplan_tags
    from sosafe import icons

    code = b"".join(Path(module.__file__).read_bytes() for module in (actionplan_tags, icons))
    return hashlib.sha256(code).hexdigest()


def _templates_digest() -> str:
    source = get_template(ROW_TEMPLATE).template.source
    return f"{_markup_code()}:{sprite_url()}:{source}"


def page_key(partnership: Partnership) -> str:
    """What every row of the partnership's plans shares: its slug, its organisations' names and
    the row templates, as a short digest (one query)."""
    organisations = list(
        Organisation.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "name", "short_name")
    )
    text = repr((partnership.slug, organisations, _templates_digest()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def row_key(action: Action, page: str) -> str:
    """The cache key of ``action``'s row (from ``selectors.plan_row_heads``) on a page whose
    ``page_key`` is ``page``."""
    update = f"{action.shown_update_id}.{action.shown_update_version}"
    return f"plan-row:{page}:{action.pk}.{action.version}:{update}"


def render_rows(actions: list[Action], slug: str) -> list[SafeString]:
    """Render the rows of ``actions`` (their details fetched) with one template and context."""
    template = get_template(ROW_TEMPLATE).template
    context = Context({"slug": slug})
    rows = []
    for action in actions:
        with context.push(action=action):
            rows.append(mark_safe(template.render(context)))  # noqa: S308 (autoescaped)
    return rows


def plan_rows(actions: list[Action], viewer: Membership) -> None:
    """Set ``row_html`` on each of ``actions`` (from ``selectors.plan_row_heads``): from the
    cache where it holds the row, else rendered and kept. Fetches the details (four queries) only
    for the rows the cache did not hold, and none when it held them all."""
    if not actions:
        return
    partnership = viewer.partnership
    page = page_key(partnership)
    keys = {action.pk: row_key(action, page) for action in actions}
    cached = cache.get_many(list(keys.values()))
    missing = [action for action in actions if keys[action.pk] not in cached]
    fill_plan_rows(missing, viewer)
    fresh = dict(zip((a.pk for a in missing), render_rows(missing, partnership.slug), strict=True))
    if fresh:
        cache.set_many({keys[pk]: str(html) for pk, html in fresh.items()}, timeout=ROW_SECONDS)
    for action in actions:
        key = keys[action.pk]
        action.row_html = mark_safe(cached[key]) if key in cached else fresh[action.pk]  # noqa: S308

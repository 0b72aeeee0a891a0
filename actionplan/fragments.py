"""The plan table's rows, rendered once and kept in the cache (``CACHES``, see settings).

A row's HTML depends on the action (its own fields, and its leads, partners and outcomes, all
of which move ``Action.version`` on), on the update the reader is shown (its pk and version:
status, quarter, state and narrative; its outcome figures belong to it too), on the
partnership's organisations (named in the lead and partner cells), on the partnership's slug
(the links) and on the code that writes the row. The key holds every one of them, so any change
makes a new key and the old fragment is never read again (it expires). Nothing else about the
reader enters a row: which update they may see (drafts only to their author and the
coordinators, accepted updates only in anything public) is decided by
``rules.shown_updates_filter`` before the key is made, and the rows carry no links that depend
on the role.
"""

import functools
import hashlib
from html import escape
from pathlib import Path

from django.core.cache import cache
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe

from actionplan.models import Action
from actionplan.selectors import PlanRow, plan_row_actions
from actionplan.templatetags.actionplan_tags import (
    RESTRICTED_BADGE,
    action_leads,
    action_outcomes,
    action_partners,
    status_badge,
)
from sosafe.icons import sprite_url
from sosafe.links import ROW, row_link
from sosafe.models import Membership, Organisation, Partnership

# Rows under keys that are no longer asked for age out; a row still asked for stays correct.
ROW_SECONDS = 24 * 60 * 60


@functools.cache
def _markup_code() -> str:
    """The code that writes a row (this module, the tags and the icons): a release that changes
    it changes every key, so no row drawn by older code is served."""
    from actionplan.templatetags import actionplan_tags
    from sosafe import icons

    modules = (actionplan_tags, icons)
    code = Path(__file__).read_bytes() + b"".join(Path(m.__file__).read_bytes() for m in modules)
    return hashlib.sha256(code).hexdigest()


def page_key(partnership: Partnership) -> str:
    """What every row of the partnership's plans shares: its slug, its organisations' names and
    the code that writes the rows, as a short digest (one query)."""
    organisations = list(
        Organisation.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "name", "short_name")
    )
    text = repr((partnership.slug, organisations, _markup_code(), sprite_url()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def row_key(row: PlanRow, page: str) -> str:
    """The cache key of ``row`` (from ``selectors.plan_row_heads``) on a page whose
    ``page_key`` is ``page``."""
    update = f"{row.shown_update_id}.{row.shown_update_version}"
    return f"plan-row:{page}:{row.pk}.{row.version}:{update}"


def _row(action: Action, url: str) -> str:
    """The cells of ``action``'s row (the aim's cell is the page's). Written here rather than as
    a template, which cost a quarter of a millisecond a row: a plan renders 300 at once after a
    release or an organisation's change of name."""
    letter = f"{escape(action.letter)}) " if action.letter else ""
    restricted = f"<br>{RESTRICTED_BADGE}" if action.restricted else ""
    update = action.shown_update
    if update:
        state = (
            "" if update.state == "accepted" else f", {escape(update.get_state_display().lower())}"
        )
        progress = (
            f' <span class="small text-body-secondary">Q{update.quarter}{state}</span>\n'
            f'<div class="mt-1">{linebreaksbr(update.narrative, autoescape=True)}</div>'
        )
    else:
        progress = '<div class="mt-1 small">No update yet.</div>'
    return (
        f'<td><a href="{escape(url)}">{letter}{escape(action.text)}</a>{restricted}</td>\n'
        f"<td>{action_leads(action)}</td>\n"
        f"<td>{action_partners(action)}</td>\n"
        f"<td>{linebreaksbr(action.resources, autoescape=True)}</td>\n"
        f"<td>{action_outcomes(action)}</td>\n"
        f'<td class="narrative">{status_badge(action.current_status)}{progress}</td>\n'
    )


def render_rows(actions: list[Action], slug: str) -> list[SafeString]:
    """The rows of ``actions`` (their details fetched), as HTML."""
    link = row_link("actionplan:action-detail", slug, ROW)
    return [mark_safe(_row(action, link(action.pk))) for action in actions]  # noqa: S308


def plan_rows(rows: list[PlanRow], viewer: Membership) -> None:
    """Set ``row_html`` on each of ``rows`` (from ``selectors.plan_row_heads``): from the cache
    where it holds the row, else rendered and kept. Fetches the actions (five queries) only for
    the rows the cache did not hold, and none when it held them all."""
    if not rows:
        return
    partnership = viewer.partnership
    page = page_key(partnership)
    keys = {row.pk: row_key(row, page) for row in rows}
    cached = cache.get_many(list(keys.values()))
    missing = plan_row_actions([row for row in rows if keys[row.pk] not in cached], viewer)
    fresh = dict(zip((a.pk for a in missing), render_rows(missing, partnership.slug), strict=True))
    if fresh:
        cache.set_many({keys[pk]: str(html) for pk, html in fresh.items()}, timeout=ROW_SECONDS)
    for row in rows:
        key = keys[row.pk]
        row.row_html = mark_safe(cached[key]) if key in cached else fresh[row.pk]  # noqa: S308

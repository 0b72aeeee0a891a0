"""Template helpers for statuses and the progress workflow. Who may do what comes from flags
the views compute; no tag here reads the database."""

from html import escape

from django import template
from django.template.defaultfilters import floatformat, truncatewords
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from actionplan.models import Status
from actionplan.selectors import MISSING, UPDATE_STATES, UpdateState
from sosafe.history import person_name
from sosafe.icons import badge_html, icon_html

register = template.Library()

# Each state has an icon and its words as well as a colour (never colour alone).
_STATE_LOOK = {
    MISSING: ("text-bg-danger", "cross"),
    UpdateState.RETURNED: ("text-bg-warning", "warning"),
    UpdateState.DRAFT: ("text-bg-light border border-secondary", "circle"),
    UpdateState.SUBMITTED: ("text-bg-info", "arrow"),
    UpdateState.ACCEPTED: ("text-bg-success", "tick"),
}


@register.simple_tag
def update_state_badge(state: str | None) -> str:
    state = state or MISSING
    css, icon = _STATE_LOOK.get(state, _STATE_LOOK[MISSING])
    label = UPDATE_STATES.get(state, UPDATE_STATES[MISSING])[0]
    return mark_safe(  # noqa: S308 (escaped)
        f'<span class="badge {css} update-state">{icon_html(icon)} {escape(str(label))}</span>'
    )


# Status is never shown by colour alone: every badge carries an icon and its text label.
STATUS_ICONS = {
    Status.NOT_STARTED: "circle",
    Status.ON_TRACK: "arrow",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "cross",
    Status.COMPLETE: "tick",
}


@register.simple_tag
def status_badge(status: str, label: str = "") -> str:
    status = status or Status.NOT_STARTED
    return badge_html(status, label or Status(status).label, STATUS_ICONS.get(status, "circle"))


@register.filter
def figure(value) -> str:
    """A Decimal figure without trailing zeros: 12.50 → 12.5, 10.00 → 10."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


# An action's leads, partners and expected outcomes, as the plan table, the action's page and
# the chasing table show them. Tags rather than included templates (a plan of 300 rows
# rendered 900 includes), and plain formatting with html.escape (what Django's escape does)
# rather than format_html, which costs ten times more. The action comes from the selectors
# with ``lead_list``, ``partner_list`` and ``outcome_list`` fetched.


def _abbr(organisation) -> str:
    return f'<abbr title="{escape(organisation.name)}">{escape(organisation.short_name)}</abbr>'


@register.simple_tag
def action_leads(action) -> str:
    items = "".join(
        f"<li>{_abbr(lead.organisation)}"
        + (f" ({escape(lead.officer_role)})" if lead.officer_role else "")
        + "</li>"
        for lead in action.lead_list
    )
    return mark_safe(f'<ul class="list-unstyled mb-0">{items}</ul>')  # noqa: S308 (escaped)


@register.simple_tag
def action_partners(action) -> str:
    items = "".join(f"<li>{_abbr(org)}</li>" for org in action.partner_list) + "".join(
        f"<li>{escape(other)}</li>" for other in action.other_partners_list
    )
    return mark_safe(f'<ul class="list-unstyled mb-0">{items}</ul>')  # noqa: S308 (escaped)


def _target(outcome) -> str:
    if outcome.target is None:
        return ""
    unit = f" {escape(outcome.unit)}" if outcome.unit else ""
    target = escape(str(floatformat(outcome.target, "-2")))
    return f' <span class="text-body-secondary small">(target {target}{unit})</span>'


@register.simple_tag
def action_outcomes(action) -> str:
    items = "".join(
        f"<li>{escape(outcome.text)}{_target(outcome)}</li>" for outcome in action.outcome_list
    )
    return mark_safe(f'<ul class="plain-list">{items}</ul>')  # noqa: S308 (escaped)


def _date_and_time(value) -> str:
    """``value`` in local time as the date filter writes it with "j F Y, H:i", for a third of the
    filter's cost: the chasing table writes one a row."""
    local = localtime(value)
    return f"{local.day} {MONTHS[local.month]} {local:%Y, %H:%M}"


@register.simple_tag
def chase_row(row) -> str:
    """A row of the chasing table (``selectors.ChaseRow``, its links set by the view). Written
    here rather than as a template: the table has a row per action of the plan, and a template
    row looked up some 120 variables each time."""
    action, update, ref = row.action, row.update, escape(row.action.ref)
    restricted = ' <span class="badge text-bg-dark">Restricted</span>' if action.restricted else ""
    text = escape(truncatewords(action.text, 18))
    status = f'<div class="mt-1">{status_badge(update.status)}</div>' if update else ""
    officers = "<br>".join(
        escape(person_name(user)) + ("" if user.email else " (no email address)")
        for user in row.lead_officers
    )
    if update:
        changed = escape(_date_and_time(update.updated_at))
        if update.author:
            changed += f"<br>{escape(person_name(update.author))}"
    else:
        changed = "—"
    hidden = f'<span class="visually-hidden"> the update for {ref}</span>'
    links = [
        f'<a href="{escape(url)}">{label}{hidden}</a>'
        for url, label in (
            (row.review_url, "Review"),
            (row.edit_url, "Edit" if update else "Write"),
        )
        if url
    ]
    return mark_safe(  # noqa: S308 (escaped)
        "<tr>\n"
        f'<th scope="row" class="fw-normal"><a href="{escape(row.action_url)}">'
        f'<span class="fw-bold">{ref}</span> {text}</a>{restricted}</th>\n'
        f"<td>{update_state_badge(row.state)}{status}</td>\n"
        f"<td>{action_leads(action)}</td>\n"
        f'<td class="small">{officers or "Nobody in the portal"}</td>\n'
        f'<td class="small">{changed}</td>\n'
        f"<td>{' '.join(links) or '—'}</td>\n"
        "</tr>"
    )

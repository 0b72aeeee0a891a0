"""Template helpers for statuses and the progress workflow. Who may do what comes from flags
the views compute; no tag here reads the database."""

import functools
from html import escape

from django import template
from django.template.defaultfilters import floatformat, linebreaksbr, truncatewords
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone, localtime

from actionplan.models import Status
from actionplan.selectors import MISSING, UPDATE_STATES, UpdateState
from sosafe.history import person_name
from sosafe.icons import badge_html, icon_html

register = template.Library()

# Beside an action's words wherever the action is listed (the public papers leave it out).
RESTRICTED_BADGE = '<span class="badge text-bg-dark">Restricted</span>'

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


def _date_and_time(value, zone=None, months=MONTHS) -> str:
    """``value`` in local time as the date filter writes it with "j F Y, H:i", for a third of the
    filter's cost: the chasing table writes one a row, with the time ``zone`` and the ``months``'
    names read once."""
    local = localtime(value, zone)
    return f"{local.day} {months[local.month]} {local:%Y, %H:%M}"


def _chase_row(row, state_badge, status_badge, date_and_time) -> str:
    """A row of the chasing table (``selectors.ChaseRow``, its links set by the view), with the
    page's badges drawn once per state and status."""
    action, update, ref = row.action, row.update, escape(row.action.ref)
    restricted = f" {RESTRICTED_BADGE}" if action.restricted else ""
    text = escape(truncatewords(action.text, 18))
    status = f'<div class="mt-1">{status_badge(update.status)}</div>' if update else ""
    officers = "<br>".join(
        escape(person_name(user)) + ("" if user.email else " (no email address)")
        for user in row.lead_officers
    )
    if update:
        changed = escape(date_and_time(update.updated_at))
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
    return (
        "<tr>\n"
        f'<th scope="row" class="fw-normal"><a href="{escape(row.action_url)}">'
        f'<span class="fw-bold">{ref}</span> {text}</a>{restricted}</th>\n'
        f"<td>{state_badge(row.state)}{status}</td>\n"
        f"<td>{action_leads(action)}</td>\n"
        f'<td class="small">{officers or "Nobody in the portal"}</td>\n'
        f'<td class="small">{changed}</td>\n'
        f"<td>{' '.join(links) or '—'}</td>\n"
        "</tr>"
    )


@register.simple_tag
def chase_table_rows(rows) -> str:
    """The rows of the chasing table, a row per action of the plan. Written here rather than as
    a template: a template row looked up some 120 variables each time, and a loop over a row
    tag cost as much again. Each row sits on its own line, as the template loop wrote them."""
    state_badge, badge = functools.cache(update_state_badge), functools.cache(status_badge)
    months = {number: str(name) for number, name in MONTHS.items()}
    date_and_time = functools.partial(_date_and_time, zone=get_current_timezone(), months=months)
    return mark_safe(  # noqa: S308 (escaped)
        "".join(
            f"\n        {_chase_row(row, state_badge, badge, date_and_time)}\n        "
            for row in rows
        )
    )


@register.simple_tag
def reminder_items(reminders) -> str:
    """The list items of who will be reminded (``selectors.Reminder``): a person a line, some
    hundreds when a quarter has just opened."""
    return mark_safe(  # noqa: S308 (escaped)
        "".join(
            f"<li>{escape(person_name(reminder.recipient))} "
            f"&lt;{escape(reminder.recipient.email)}&gt;: {escape(reminder.refs)}</li>"
            for reminder in reminders
        )
    )


# My actions: a row per action the officer leads, written here as the chasing table's rows are.


def _narrative(text: str) -> str:
    """What ``text|linebreaksbr|default:"No narrative."`` writes."""
    return linebreaksbr(text, autoescape=True) or "No narrative."


def _my_action_cell(action, url: str) -> str:
    restricted = f"<br>{RESTRICTED_BADGE}" if action.restricted else ""
    return (
        f'<th scope="row" class="fw-normal">\n<a href="{escape(url)}"><span class="fw-bold">'
        f"{escape(action.ref)}</span> {escape(truncatewords(action.text, 30))}</a>\n"
        f"{restricted}\n</th>"
    )


_MY_ACTION_VERBS = {
    MISSING: "Write update",
    UpdateState.RETURNED: "Revise update",
    UpdateState.DRAFT: "Continue draft",
}


@register.simple_tag
def my_action_row(row, window) -> str:
    """A row of My actions for an open quarter (``selectors.MyActionRow``, links set by the
    view): last quarter's progress, this quarter's update and what to do."""
    action, update, previous = row.action, row.update, row.previous
    if previous:
        last = (
            f"{status_badge(previous.status)}\n"
            f'<div class="mt-1 small">{_narrative(previous.narrative)}</div>'
        )
    elif window.quarter == 1:
        last = '<span class="small">Q1 is the first quarter of the plan.</span>'
    else:
        last = '<span class="small">No update last quarter.</span>'
    this = update_state_badge(row.state)
    if update:
        author = f" by {escape(person_name(update.author))}" if update.author else ""
        this += (
            f'\n<div class="small mt-1">{status_badge(update.status)}</div>\n'
            f'<div class="small mt-1">Last changed {_date_and_time(update.updated_at)}'
            f"{author}</div>"
        )
    if row.can_edit:
        look = "btn-outline-primary" if row.is_done else "btn-primary"
        verb = _MY_ACTION_VERBS.get(row.state, "Change update")
        todo = (
            f'<a class="btn btn-sm {look}" href="{escape(row.edit_url)}">{verb}'
            f'<span class="visually-hidden"> for action {escape(action.ref)}</span></a>'
        )
    else:
        todo = '<span class="small">Accepted by the coordinator: final.</span>'
    return mark_safe(  # noqa: S308 (escaped)
        f"<tr>\n{_my_action_cell(action, row.action_url)}\n"
        f'<td class="narrative">\n{last}\n</td>\n'
        f"<td>\n{this}\n</td>\n"
        f"<td>\n{todo}\n</td>\n</tr>"
    )


@register.simple_tag
def my_latest_row(row) -> str:
    """A read-only row of My actions while no quarter is open (``selectors.LatestRow``, its
    ``action_url`` set by the view): the action's latest update."""
    update = row.update
    if update:
        latest = f"Q{update.quarter}: {update_state_badge(update.state)}"
        if update.state == UpdateState.RETURNED:
            reason = f": <q>{escape(update.return_reason)}</q>" if update.return_reason else ""
            latest += f'\n<div class="small mt-1">Frozen while returned for changes{reason}</div>'
        elif update.state == UpdateState.DRAFT:
            latest += '\n<div class="small mt-1">Frozen as a draft: never submitted.</div>'
        progress = (
            f'{status_badge(update.status)}<div class="mt-1 small">'
            f"{_narrative(update.narrative)}</div>"
        )
    else:
        latest, progress = "No update written.", "—"
    return mark_safe(  # noqa: S308 (escaped)
        f"<tr>\n{_my_action_cell(row.action, row.action_url)}\n"
        f"<td>\n{latest}\n</td>\n"
        f'<td class="narrative">{progress}</td>\n</tr>'
    )

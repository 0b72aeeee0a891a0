"""My actions' rows, written by the ``my_action_row`` and ``my_latest_row`` tags, read as the
template rows they replaced did (whitespace aside): each state of the update, last quarter's,
the restricted badge, and text that needs escaping."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.template import engines

from actionplan.models import Action, Aim, ProgressUpdate, ReportingQuarter, Theme
from actionplan.selectors import MyActionRow
from actionplan.selectors.cycle import LatestRow
from actionplan.templatetags.actionplan_tags import my_action_row, my_latest_row

State = ProgressUpdate.State
TRICKY = "Fix <b>\"this\"</b> & 'that'\nsecond line"

# The rows as templates wrote them before the tags.
CELL = """<th scope="row" class="fw-normal">
  <a href="{{ row.action_url }}"><span class="fw-bold">{{ row.action.ref }}</span> {{ row.action.text|truncatewords:30 }}</a>
  {% if row.action.restricted %}<br><span class="badge text-bg-dark">Restricted</span>{% endif %}
</th>"""  # noqa: E501
OPEN_ROW = (
    """{% load actionplan_tags portal %}<tr>
"""
    + CELL
    + """
          <td class="narrative">
            {% if row.previous %}
            {% status_badge row.previous.status %}
            <div class="mt-1 small">{{ row.previous.narrative|linebreaksbr|default:"No narrative." }}</div>
            {% elif window.quarter == 1 %}
            <span class="small">Q1 is the first quarter of the plan.</span>
            {% else %}
            <span class="small">No update last quarter.</span>
            {% endif %}
          </td>
          <td>
            {% update_state_badge row.state %}
            {% if row.update %}<div class="small mt-1">{% status_badge row.update.status %}</div>
            <div class="small mt-1">Last changed {{ row.update.updated_at|date:"j F Y, H:i" }}{{ row.update.author|by_person }}</div>{% endif %}
          </td>
          <td>
            {% if row.can_edit %}
            <a class="btn btn-sm {% if row.is_done %}btn-outline-primary{% else %}btn-primary{% endif %}" href="{{ row.edit_url }}">{% if not row.update %}Write update{% elif row.state == "returned" %}Revise update{% elif row.state == "draft" %}Continue draft{% else %}Change update{% endif %}<span class="visually-hidden"> for action {{ row.action.ref }}</span></a>
            {% else %}
            <span class="small">Accepted by the coordinator: final.</span>
            {% endif %}
          </td>
        </tr>"""  # noqa: E501
)
LATEST_ROW = (
    """{% load actionplan_tags portal %}<tr>
"""
    + CELL
    + """
          <td>
            {% if row.update %}Q{{ row.update.quarter }}: {% update_state_badge row.update.state %}
            {% if row.update.state == "returned" %}<div class="small mt-1">Frozen while returned for changes{% if row.update.return_reason %}: <q>{{ row.update.return_reason }}</q>{% endif %}</div>
            {% elif row.update.state == "draft" %}<div class="small mt-1">Frozen as a draft: never submitted.</div>{% endif %}
            {% else %}No update written.{% endif %}
          </td>
          <td class="narrative">{% if row.update %}{% status_badge row.update.status %}<div class="mt-1 small">{{ row.update.narrative|linebreaksbr|default:"No narrative." }}</div>{% else %}—{% endif %}</td>
        </tr>"""  # noqa: E501
)


def _same(tag_html: str, template: str, **context) -> None:
    expected = engines["django"].from_string(template).render(context)
    assert re.sub(r"\s+", " ", tag_html) == re.sub(r"\s+", " ", expected)


def _action(*, restricted=False, text='Run <b>safe</b> & "sound" sessions ' + "word " * 40):
    aim = Aim(theme=Theme(number=2), number=3)
    return Action(pk=7, aim=aim, letter="b", text=text, restricted=restricted)


def _update(state, *, quarter=3, narrative=TRICKY, author=True, reason=""):
    user = get_user_model()(username="o'neil", first_name="Ann <O'Neil>")
    return ProgressUpdate(
        quarter=quarter,
        state=state,
        status="at_risk",
        narrative=narrative,
        author=user if author else None,
        return_reason=reason,
        updated_at=datetime.datetime(2024, 10, 3, 9, 5, tzinfo=datetime.UTC),
    )


UPDATES = [
    None,
    _update(State.DRAFT),
    _update(State.SUBMITTED, narrative="", author=False),
    _update(State.RETURNED, reason=TRICKY),
    _update(State.RETURNED),
    _update(State.ACCEPTED),
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("previous", [None, _update(State.ACCEPTED, quarter=2, narrative="")])
@pytest.mark.parametrize("quarter", [1, 3])
@pytest.mark.parametrize("restricted", [False, True])
def test_a_row_for_the_open_quarter_reads_as_the_template_wrote_it(
    update, previous, quarter, restricted
):
    row = MyActionRow(
        action=_action(restricted=restricted),
        update=update,
        previous=previous,
        can_edit=update is None or update.state != State.ACCEPTED,
        action_url='/p/x/actions/7/?a="1"&b',
        edit_url="/p/x/actions/7/updates/3/?next=/a&b",
    )
    window = ReportingQuarter(quarter=quarter)
    _same(my_action_row(row, window), OPEN_ROW, row=row, window=window)


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("restricted", [False, True])
def test_a_row_between_quarters_reads_as_the_template_wrote_it(update, restricted):
    row = LatestRow(_action(restricted=restricted), update)
    row.action_url = "/p/x/actions/7/?a&b"
    _same(my_latest_row(row), LATEST_ROW, row=row)


def test_text_is_escaped():
    row = MyActionRow(
        action=_action(),
        update=_update(State.DRAFT),
        previous=_update(State.ACCEPTED),
        can_edit=True,
        action_url="/a",
        edit_url="/e",
    )
    html = my_action_row(row, ReportingQuarter(quarter=3))
    assert "<b>" not in html and "&lt;b&gt;safe&lt;/b&gt; &amp; &quot;sound&quot;" in html
    assert "Fix &lt;b&gt;&quot;this&quot;&lt;/b&gt; &amp; &#x27;that&#x27;<br>second line" in html
    assert "by Ann &lt;O&#x27;Neil&gt;" in html

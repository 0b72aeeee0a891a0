"""The dashboard's exception rows come from a tag (reports.templatetags.dashboard): the same
markup the template wrote, escaped the same way."""

import pytest
from django.template import Context, Template

from actionplan.models import Status
from actionplan.selectors import ActionProgress
from reports.templatetags.dashboard import exception_item

# The markup the dashboard template wrote for a row before the tag.
AS_MARKUP = Template(
    "{% load actionplan_tags %}"
    '<a href="{{ prefix }}{{ action.pk }}/">Action {{ action.ref }}</a> '
    "{{ action.text|truncatewords:30 }}\n"
    '      {% if action.restricted %}<span class="badge text-bg-dark">Restricted</span>'
    "{% endif %}\n"
    "      <br>{% status_badge action.status %}\n"
    '      {% if action.reported_quarter %}<span class="small text-body-secondary">reported in '
    'Q{{ action.reported_quarter }}</span>{% else %}<span class="small text-body-secondary">'
    "nothing reported yet</span>{% endif %}\n"
    '      {% if action.narrative %}<div class="narrative mt-1">{{ action.narrative|linebreaksbr }}'
    "</div>{% endif %}"
)


def _action(**changes) -> ActionProgress:
    fields = {
        "pk": 12,
        "ref": "1.2 a)",
        "text": 'Work with <partners> & "schools" on the pupils\' ' + "safety " * 40,
        "theme_number": 1,
        "theme_title": "Theme",
        "restricted": False,
        "status": Status.OFF_TRACK,
        "status_label": "Off track",
        "reported_quarter": 2,
        "narrative": "Met <twice>.\nNext: 'the pilot' & more.",
        "reported_this_quarter": False,
        "outcomes_total": 0,
        "outcomes_achieved": 0,
    }
    return ActionProgress(**(fields | changes))


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"restricted": True},
        {"reported_quarter": None, "status": Status.NOT_STARTED, "narrative": ""},
        {"status": Status.AT_RISK, "text": "Short", "ref": "3.1"},
    ],
)
def test_the_tag_writes_what_the_template_wrote(changes):
    action = _action(**changes)
    expected = AS_MARKUP.render(Context({"action": action, "prefix": "/p/x/actions/"}))
    assert exception_item(action, "/p/x/actions/") == expected
    assert "<partners>" not in expected and "<twice>" not in expected

"""The dashboard's exception rows come from a tag (reports.templatetags.dashboard): the same
markup the template wrote, escaped the same way."""

import pytest
from django.template import Context, Template

from actionplan.models import Status
from actionplan.selectors import ActionProgress
from referrals.figures import change
from reports.templatetags.dashboard import change_arrow, exception_item

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


# The markup reports/includes/change_arrow.html wrote (with referrals/includes/change.html).
CHANGE_ARROW_AS_MARKUP = Template(
    '{% if change.kind == "up" or change.kind == "new" %}<span aria-hidden="true">▲</span> '
    '{% elif change.kind == "down" %}<span aria-hidden="true">▼</span> '
    '{% elif change.kind == "same" %}<span aria-hidden="true">▶</span> {% endif %}'
    '{% if change.kind == "none" %}<span aria-hidden="true">–</span>'
    '<span class="visually-hidden">no comparison</span>{% else %}'
    '<span class="text-nowrap">{{ change }}</span>{% endif %}\n\n'
)


@pytest.mark.parametrize(
    ("previous", "current"), [(None, 4), (4, None), (4, 4), (0, 3), (8, 12), (12, 8)]
)
def test_the_change_arrow_is_what_the_template_wrote(previous, current):
    context = Context({"change": change(previous, current)})
    assert change_arrow(change(previous, current)) == CHANGE_ARROW_AS_MARKUP.render(context)

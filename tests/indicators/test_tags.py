"""The direction of travel and the target status come from tags (indicators.templatetags):
the same markup the included templates wrote, escaped the same way."""

import pytest
from django.template import Context, Template

from indicators.measures import ARROWS, Direction, TargetStatus
from indicators.templatetags.indicators import target_status, travel

# The markup the included templates wrote before the tags (includes/icon.html and
# includes/status_badge.html ended with a newline, as did the templates themselves).
TRAVEL_AS_MARKUP = Template(
    '{% load portal %}<span class="travel travel-{{ direction }}">{% icon arrow %}\n'
    "<span>{{ direction.label }}</span></span>"
    '{% if change %} <span class="small">{{ change }}</span>{% endif %}\n'
)
TARGET_STATUS_AS_MARKUP = Template(
    '{% load portal %}{% if status == "met" %}{% badge "target-met" "Target met" "tick" %}'
    '{% elif status == "near" %}{% badge "target-near" "Near target" "warning" %}'
    '{% elif status == "missed" %}{% badge "target-missed" "Target missed" "cross" %}'
    '{% else %}{% badge "target-none" "No target" "dash" %}{% endif %}\n\n'
)


@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize("arrow", [*ARROWS.values(), "unknown"])
@pytest.mark.parametrize("change", ["", "+12 (+5.4%)", "<b>-3</b> & 'more'"])
def test_travel_writes_what_the_template_wrote(direction, arrow, change):
    expected = TRAVEL_AS_MARKUP.render(
        Context({"direction": direction, "arrow": arrow, "change": change})
    )
    assert travel(direction, arrow, change) == expected
    assert "<b>" not in expected


@pytest.mark.parametrize("status", [*TargetStatus, "", None])
def test_target_status_writes_what_the_template_wrote(status):
    expected = TARGET_STATUS_AS_MARKUP.render(Context({"status": status}))
    assert target_status(status) == expected

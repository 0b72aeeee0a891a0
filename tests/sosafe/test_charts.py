"""The stacked bars are written in Python (sosafe.charts) as the template wrote them: the
numbers as floatformat did (rounded half up from the shortest repr, unlocalised), the markup
the same, escaped the same way."""

import random

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat

from sosafe.charts import STATUS_FILLS, _places, stacked_bars

HALVES = [0.125, 2.675, 1.005, 0.5, 1.5, 2.5, 14.0, 322, 0, 1e-9, 309.99999999]


@pytest.mark.parametrize("places", [0, 1, 2])
def test_numbers_are_written_as_floatformat_wrote_them(places):
    numbers = [*HALVES, *(random.Random(13).uniform(0, 900) for _ in range(500))]
    for number in numbers:
        assert _places(number, places) == floatformat(number, f"{places}u"), number


def test_a_chart_writes_its_geometry_as_the_template_did():
    parts = [("on_track", "On track", 7), ("at_risk", "At risk", 3), ("off_track", "Off", 1)]
    chart = stacked_bars([("All", parts), ("1. Theme", parts[:2])], STATUS_FILLS)
    assert chart.height_text == floatformat(chart.height, "0u")
    for bar in chart.bars:
        assert bar.text_y_text == floatformat(bar.text_y, "1u")
        for segment in bar.segments:
            assert segment.x_text == floatformat(segment.x, "2u")
            assert segment.width_text == floatformat(segment.width, "2u")
            assert segment.middle_text == floatformat(segment.middle, "2u")


# The bars as includes/stacked_bars.svg.html wrote them (inside the dashboard's localize off).
BARS_AS_MARKUP = Template(
    "{% load l10n %}{% localize off %}{% for bar in chart.bars %}\n    <g>\n"
    '      <text x="{{ chart.label_width }}" y="{{ bar.text_y|floatformat:"1u" }}" '
    'text-anchor="end" dominant-baseline="middle" font-size="14" fill="#0b0c0c">'
    "{{ bar.label|truncatechars:40 }}</text>\n      {% for segment in bar.segments %}\n"
    '      <rect x="{{ segment.x|floatformat:"2u" }}" y="{{ bar.y }}" '
    'width="{{ segment.width|floatformat:"2u" }}" height="{{ chart.bar_height }}" '
    'fill="{{ segment.fill }}" stroke="#0b0c0c" stroke-width="1"><title>{{ bar.label }}: '
    "{{ segment.label }} {{ segment.count }} of {{ bar.total }}</title></rect>\n"
    '      {% if segment.shows_number %}<text x="{{ segment.middle|floatformat:"2u" }}" '
    'y="{{ bar.text_y|floatformat:"1u" }}" text-anchor="middle" dominant-baseline="middle" '
    'font-size="13" fill="{{ segment.text_fill }}" aria-hidden="true">{{ segment.count }}'
    "</text>{% endif %}\n      {% endfor %}\n    </g>\n    {% endfor %}{% endlocalize %}"
)


def test_the_bars_are_what_the_template_wrote():
    parts = [
        ("not_started", "Not <started>", 0),
        ("on_track", "On track", 117),
        ("at_risk", "At risk", 3),
        ("off_track", "Off & out", 1),
        ("complete", "Complete", 1200),
    ]
    rows = [
        ("All themes", parts),
        ('1. Children & "young" people <at risk> of exploitation, online and off', parts[1:3]),
        ("2. Empty", [("on_track", "On track", 0)]),
    ]
    chart = stacked_bars(rows, STATUS_FILLS)
    expected = BARS_AS_MARKUP.render(Context({"chart": chart}))
    assert chart.bars_svg == expected
    assert "<at risk>" not in expected and "<started>" not in expected

"""The stacked bars' numbers are written in Python (sosafe.charts) as the template's
floatformat wrote them: rounded half up from the shortest repr, without localisation."""

import random

import pytest
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

"""Helpers for the portal's server-rendered SVG charts (pygal)."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from html import escape

from django.template.defaultfilters import truncatechars
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

# With js=[] pygal loads no script but still writes its tooltip settings as an inline script
# that nothing reads. A chart should not carry code: it goes into pages, prints and PDFs.
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


# pygal hides its (unused) tooltip with a style attribute, which the portal's
# Content-Security-Policy refuses; SVG's own presentation attribute does the same job.
_HIDDEN_STYLE = 'style="opacity: 0"'


def render_svg(chart) -> str:
    """The chart's SVG markup: no XML declaration, no inline script, no style attribute."""
    svg = _INLINE_SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))
    return svg.replace(_HIDDEN_STYLE, 'opacity="0"')


# Dark enough on white for WCAG AA text contrast; series also differ by dash pattern and
# marker, so they can be told apart without colour.
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#595959",
    opacity=".9",
    opacity_hover="1",
    colors=("#1d4f91", "#b3261e", "#00703c", "#6f3c96", "#8a4b08", "#0b0c0c"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=12,
)
DASHES = ("", "8, 4", "2, 4", "12, 4, 2, 4", "4, 4", "1, 2")


def with_title(svg: str, *, chart_id: str, title: str, description: str) -> str:
    """Name the SVG for assistive technology: role img, labelled by its <title> and <desc>."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" focusable="false" ',
        1,
    )
    return (
        f'{opening}<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>{svg[opening_end:]}'
    )


def axis_labels(largest: int, steps: int = 5) -> list[int]:
    """Round gridline values from 0 to just above ``largest``: steps of 1, 2 or 5 × 10ⁿ."""
    if largest <= 0:
        return [0, 1]
    rough = largest / steps
    magnitude = 10 ** (len(str(int(rough))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    top = -(-largest // step) * step
    return list(range(0, top + step, step))


# Stacked horizontal bars drawn by a Django template (includes/stacked_bars.svg.html): Python
# computes the geometry and writes the bars (``StackedBars.bars_svg``: a dozen values for each
# segment), the template writes the figure around them; every segment carries a <title>.

STATUS_FILLS = {
    # The status badges' colours (portal.css), with the text colour that reads on each.
    "not_started": ("#f3f2f1", "#0b0c0c"),
    "on_track": ("#00703c", "#ffffff"),
    "at_risk": ("#ffdd00", "#0b0c0c"),
    "off_track": ("#b3261e", "#ffffff"),
    "complete": ("#1d4f91", "#ffffff"),
}
BAR_HEIGHT = 28
BAR_GAP = 14
LABEL_WIDTH = 300
BAR_WIDTH = 560
NUMBER_MIN_WIDTH = 18  # a segment narrower than this shows its number in its title only


def _places(value: float, places: int) -> str:
    """``value`` with ``places`` decimals, as floatformat:"<places>u" writes it (its shortest
    repr rounded half up): the chart's ~170 numbers without ~170 filter calls."""
    return str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: float
    width: float
    fill: str
    text_fill: str

    @property
    def shows_number(self) -> bool:
        return self.width >= NUMBER_MIN_WIDTH

    @property
    def middle(self) -> float:
        return self.x + self.width / 2

    @property
    def x_text(self) -> str:
        return _places(self.x, 2)

    @property
    def width_text(self) -> str:
        return _places(self.width, 2)

    @property
    def middle_text(self) -> str:
        return _places(self.middle, 2)


@dataclass(frozen=True)
class StackedBar:
    label: str
    total: int
    y: float
    segments: tuple[Segment, ...]

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT / 2

    @cached_property  # every number in the bar's row is written at this height
    def text_y_text(self) -> str:
        return _places(self.text_y, 1)


@dataclass(frozen=True)
class StackedBars:
    bars: tuple[StackedBar, ...]
    legend: tuple[tuple[str, str, str], ...]  # key, label, fill
    height: float
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 10
    bar_height: int = BAR_HEIGHT
    width: int = LABEL_WIDTH + 10 + BAR_WIDTH + 10

    @property
    def height_text(self) -> str:
        return _places(self.height, 0)

    @property
    def bars_svg(self) -> SafeString:
        """Each bar's <g>: its label, then per segment a <rect> titled with its count and the
        count written on it where it fits (laid out as the template's loop was)."""
        return mark_safe("".join(self._bar_svg(bar) for bar in self.bars))  # noqa: S308 (escaped)

    def _bar_svg(self, bar: StackedBar) -> str:
        label, y = escape(bar.label), bar.text_y_text
        segments = "".join(
            f'\n      <rect x="{segment.x_text}" y="{bar.y}" width="{segment.width_text}" '
            f'height="{self.bar_height}" fill="{escape(segment.fill)}" stroke="#0b0c0c" '
            f'stroke-width="1"><title>{label}: {escape(segment.label)} {segment.count} of '
            f"{bar.total}</title></rect>\n      "
            + (
                f'<text x="{segment.middle_text}" y="{y}" text-anchor="middle" '
                f'dominant-baseline="middle" font-size="13" fill="{escape(segment.text_fill)}" '
                f'aria-hidden="true">{segment.count}</text>'
                if segment.shows_number
                else ""
            )
            + "\n      "
            for segment in bar.segments
        )
        return (
            f'\n    <g>\n      <text x="{self.label_width}" y="{y}" text-anchor="end" '
            'dominant-baseline="middle" font-size="14" fill="#0b0c0c">'
            f"{escape(truncatechars(bar.label, 40))}</text>\n      {segments}\n    </g>\n    "
        )


def stacked_bars(
    rows: list[tuple[str, list[tuple[str, str, int]]]], fills: dict[str, tuple[str, str]]
) -> StackedBars:
    """Geometry for bars of equal length (each row is 100%), one per ``(label, parts)`` where
    ``parts`` are ``(key, label, count)``; zero parts draw nothing. ``fills`` maps each key to
    its fill and text colour."""
    bars = []
    for index, (label, parts) in enumerate(rows):
        total = sum(count for _, _, count in parts)
        x = float(LABEL_WIDTH + 10)
        segments = []
        for key, part_label, count in parts:
            if not count:
                continue
            width = BAR_WIDTH * count / total
            fill, text_fill = fills[key]
            segments.append(Segment(key, part_label, count, x, width, fill, text_fill))
            x += width
        bars.append(StackedBar(label, total, index * (BAR_HEIGHT + BAR_GAP), tuple(segments)))
    keys = {key: part_label for _, parts in rows for key, part_label, _ in parts}
    legend = tuple((key, keys[key], fills[key][0]) for key in fills if key in keys)
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    return StackedBars(tuple(bars), legend, height)

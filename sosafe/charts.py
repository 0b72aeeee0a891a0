"""Helpers for the portal's server-rendered SVG charts (pygal)."""

import re
from html import escape

from pygal.style import Style

# With js=[] pygal loads no script but still writes its tooltip settings as an inline script
# that nothing reads. A chart should not carry code: it goes into pages, prints and PDFs.
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def render_svg(chart) -> str:
    """The chart's SVG markup, without XML declaration and without pygal's inline script."""
    return _INLINE_SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))


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

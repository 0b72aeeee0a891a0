"""Server-rendered SVG charts (pygal, no script), so the same chart shows, prints and goes into
PDF reports. Every chart is given a <title> and <desc>, and pages show its figures in a table.
"""

from html import escape

import pygal
from pygal.style import Style

from referrals.selectors import ServiceTrend
from sosafe.charts import render_svg

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
YEARS_SHOWN = 5


def _with_title(svg: str, *, chart_id: str, title: str, description: str) -> str:
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


def trend_chart(trend: ServiceTrend, *, chart_id: str = "trend-chart") -> str:
    """A line per financial year (the latest five) across Q1 to Q4."""
    years = trend.years[-YEARS_SHOWN:]
    chart = pygal.Line(
        js=[],
        style=CHART_STYLE,
        disable_xml_declaration=True,
        width=720,
        height=360,
        explicit_size=False,
        show_y_guides=True,
        include_x_axis=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(years), 5) or 1,
        x_title="Quarter (Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March)",
        y_title=trend.service.measure.capitalize(),
        dots_size=4,
        print_values=False,
        truncate_legend=-1,
    )
    chart.x_labels = ["Q1", "Q2", "Q3", "Q4"]
    counts = [cell.count for row in years for cell in row.cells if cell.count is not None]
    chart.y_labels = axis_labels(max(counts, default=0))
    for index, row in enumerate(years):
        label = f"{row.year}{' (illustrative)' if row.illustrative else ''}"
        chart.add(
            label,
            [cell.count for cell in row.cells],
            stroke_style={"width": 3, "dasharray": DASHES[index % len(DASHES)]},
        )
    svg = render_svg(chart)
    service = trend.service
    span = f"{years[0].year} to {years[-1].year}" if years else "no years yet"
    description = (
        f"Line chart of {service.measure} to {service} by quarter, one line per financial "
        f"year, {span}. The same figures are in the table beside the chart."
    )
    return _with_title(
        svg,
        chart_id=chart_id,
        title=f"{service}: {service.measure} by quarter",
        description=description,
    )

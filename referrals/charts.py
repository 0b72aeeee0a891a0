"""Server-rendered SVG charts (pygal, no script), so the same chart shows, prints and goes into
PDF reports. Every chart is given a <title> and <desc>, and pages show its figures in a table.
"""

import pygal

from referrals.selectors import ServiceTrend
from sosafe.charts import CHART_STYLE, DASHES, axis_labels, render_svg, with_title

YEARS_SHOWN = 5


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
    return with_title(
        svg,
        chart_id=chart_id,
        title=f"{service}: {service.measure} by quarter",
        description=description,
    )

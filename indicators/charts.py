"""An indicator's series as a server-rendered SVG line chart (pygal, no script): one line per
financial year across its months or quarters. The page shows the same figures in a table."""

import math

import pygal

from indicators.series import SeriesTable
from sosafe.charts import CHART_STYLE, DASHES, axis_labels, render_svg, with_title


def series_chart(table: SeriesTable, *, chart_id: str = "indicator-chart") -> str:
    indicator = table.indicator
    per = "month" if indicator.is_monthly else "quarter"
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
        legend_at_bottom_columns=min(len(table.years), 3) or 1,
        x_title="Month (the financial year runs April to March)"
        if indicator.is_monthly
        else "Quarter (Q1 April–June … Q4 January–March)",
        y_title=indicator.get_unit_display(),
        dots_size=4,
        truncate_legend=-1,
    )
    chart.x_labels = [row.label for row in table.rows]
    values = [p.value for row in table.rows for p in row.points if p.value is not None]
    chart.y_labels = axis_labels(math.ceil(max(values, default=0)))
    for index, year in enumerate(table.years):
        label = f"{year}{' (illustrative)' if table.year_illustrative(index) else ''}"
        chart.add(
            label,
            [
                None if row.points[index].value is None else float(row.points[index].value)
                for row in table.rows
            ],
            stroke_style={"width": 3, "dasharray": DASHES[index % len(DASHES)]},
        )
    span = f"{table.years[0]} to {table.years[-1]}"
    description = (
        f"Line chart of {indicator.name} by {per}, one line per financial year, {span}. "
        "The same figures are in the table below the chart."
    )
    return with_title(
        render_svg(chart),
        chart_id=chart_id,
        title=f"{indicator.name} by {per}",
        description=description,
    )

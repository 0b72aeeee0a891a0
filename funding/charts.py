"""Server-rendered SVG charts (pygal, no JavaScript). The page shows the same figures in a table.

pygal draws with floats; the money shown in labels is formatted from the exact Decimal value.
"""

from decimal import Decimal

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from funding.money import format_pounds
from funding.selectors import Outcomes
from sosafe.charts import render_svg

# High-contrast colours (GOV.UK palette) that stay distinct in greyscale print.
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    opacity="1",
    opacity_hover="1",
    colors=("#00703c", "#1d4f91", "#b3261e"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)


def _whole_pounds(value) -> str:
    return f"£{Decimal(str(value)):,.0f}"


def _ticks(largest: Decimal, count: int = 5) -> list[int]:
    """Round-number axis marks from £0 to at least ``largest``."""
    if largest <= 0:
        return [0, 1]
    raw = float(largest) / count
    magnitude = 10 ** max(len(str(int(raw))) - 1, 0)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [int(step * n) for n in range(count + 2) if step * (n - 1) < float(largest)]


def funder_chart(rows: list[Outcomes], *, title: str, describedby: str) -> SafeString:
    """Secured and pending money by funder, as a horizontal bar chart.

    Bars carry no printed values (they would overlap short bars); the figures are in the
    table that follows the chart, and in each bar's SVG description.
    """
    largest = max((max(row.secured, row.pending) for row in rows), default=Decimal(0))
    chart = pygal.HorizontalBar(
        js=[],
        style=CHART_STYLE,
        title=title,
        width=900,
        height=max(260, 110 + 60 * len(rows)),
        legend_at_bottom=True,
        value_formatter=_whole_pounds,
        y_labels=_ticks(largest),
        truncate_label=-1,
        margin=16,
    )
    chart.x_labels = [row.label for row in rows]
    chart.add("Secured", [_point(row.secured) for row in rows])
    chart.add("Pending decision", [_point(row.pending) for row in rows])
    svg = render_svg(chart)
    # The chart is one image to assistive technology; the table beside it holds the figures.
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{describedby}" focusable="false" ', 1
    )
    return mark_safe(svg)  # noqa: S308 - pygal builds the SVG with etree, which escapes labels


def _point(amount: Decimal) -> dict | None:
    if not amount:
        return None
    return {"value": float(amount), "formatter": lambda _value: format_pounds(amount)}

"""Helpers for the portal's server-rendered SVG charts (pygal)."""

import re

# With js=[] pygal loads no script but still writes its tooltip settings as an inline script
# that nothing reads. A chart should not carry code: it goes into pages, prints and PDFs.
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def render_svg(chart) -> str:
    """The chart's SVG markup, without XML declaration and without pygal's inline script."""
    return _INLINE_SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))

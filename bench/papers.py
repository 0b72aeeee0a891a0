"""Time the scrutiny paper's PDF of the bench's current plan beside WeasyPrint alone.

A section of bench/run.py, on the generated data (a plan of 300 actions). "Portal" is the
whole job (gather from the database, render the template, WeasyPrint); "HTML file" is
WeasyPrint alone rendering that paper's HTML, saved to a file first. The difference is what the
portal adds.
"""

import statistics
import tempfile
import time
from pathlib import Path


def median_seconds(job, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(partnership_slug: str, year_slug: str, out=print, repeat: int = 3) -> None:
    from reports.papers import PaperPeriod, build, formats
    from sosafe.models import Partnership

    partnership = Partnership.objects.get(slug=partnership_slug)
    period = PaperPeriod.parse(year_slug.replace("-", "/"))
    workdir = tempfile.mkdtemp(prefix="sosafe-bench-papers-")

    def portal():
        formats.pdf_of_html.cache_clear()  # measure the rendering, not the cache
        return formats.pdf(build("scrutiny", partnership, period))

    html_file = Path(workdir) / "scrutiny.html"
    html_file.write_text(formats.html(build("scrutiny", partnership, period), for_pdf=True))

    def weasyprint_alone():
        from weasyprint import HTML

        HTML(
            filename=str(html_file), base_url=formats.STATIC_PREFIX, url_fetcher=formats.fetcher()
        ).write_pdf(pdf_variant="pdf/ua-1")

    out(f"Scrutiny paper PDF of the {period} plan, median of {repeat}:")
    out(f"  portal (gather + template + WeasyPrint): {median_seconds(portal, repeat):.2f} s")
    alone = median_seconds(weasyprint_alone, repeat)
    out(f"  WeasyPrint alone on the saved HTML:      {alone:.2f} s")

"""Time the scrutiny paper's PDF of a generated plan beside WeasyPrint alone on the same HTML.

Usage: python bench/papers.py [--actions 300] [--repeat 3]

"Portal" is the whole job (gather from the database, render the template, WeasyPrint); "HTML
file" is WeasyPrint alone rendering that paper's HTML, saved to a file first. The difference is
what the portal adds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def median_seconds(job, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="sosafe-bench-papers-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosafe.settings_test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from actionplan.models import ProgressUpdate
    from reports.papers import PaperPeriod, build, formats
    from tests.conftest import make_plan
    from tests.factories import OrganisationFactory, PartnershipFactory

    partnership = PartnershipFactory(slug="bench")
    org = OrganisationFactory(partnership=partnership, short_name="SBC")
    make_plan(partnership, org, actions=args.actions, themes=7, year=2024)
    ProgressUpdate.objects.update(state=ProgressUpdate.State.ACCEPTED)
    period = PaperPeriod.parse("2024/25")

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

    print(f"Scrutiny paper PDF, {args.actions} actions, median of {args.repeat}:")
    portal_s = median_seconds(portal, args.repeat)
    alone_s = median_seconds(weasyprint_alone, args.repeat)
    print(f"  portal (gather + template + WeasyPrint): {portal_s:.2f} s")
    print(f"  WeasyPrint alone on the saved HTML:      {alone_s:.2f} s")


if __name__ == "__main__":
    main()

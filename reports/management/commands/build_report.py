from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.papers import FORMATS, GATHERERS, PaperError, PaperPeriod, build, formats
from sosafe.models import Partnership
from sosafe.periods import PeriodError


class Command(BaseCommand):
    help = (
        "Build a paper from the working data: build_report PARTNERSHIP KIND PERIOD "
        "--format pdf|xlsx|html --output FILE (KIND: rag, jag, scrutiny, pcc; PERIOD: 2017/18 "
        "or 2017/18-Q3)."
    )

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug, e.g. sosafe.")
        parser.add_argument("kind", help=", ".join(GATHERERS))
        parser.add_argument("period", help='"2017/18" for a year, "2017/18-Q3" for a quarter.')
        parser.add_argument("--format", dest="file_format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--organisation", help="JAG only: the lead organisation's short name, e.g. SBC."
        )

    def handle(
        self, *args, partnership, kind, period, file_format, output, organisation=None, **options
    ):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No partnership “{partnership}” (known: {known}).")
        if kind not in GATHERERS:
            raise CommandError(f"No paper “{kind}”; choose one of {', '.join(GATHERERS)}.")
        try:
            paper_period = PaperPeriod.parse(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        extra = {}
        if organisation:
            if kind != "jag":
                raise CommandError("--organisation is for the JAG report only.")
            org = found.organisations.filter(short_name=organisation).first()
            if org is None:
                raise CommandError(f"{found.short_name} has no organisation “{organisation}”.")
            extra["organisation"] = org
        try:
            paper = build(kind, found, paper_period, **extra)
        except PaperError as exc:
            raise CommandError(str(exc)) from exc
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        target.write_bytes(formats.render(paper, file_format))
        self.stdout.write(f"Wrote {paper.title} ({file_format}) to {target}.")

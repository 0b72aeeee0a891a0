"""The partnership's papers: gather (frozen data) -> one template per paper -> HTML, PDF, XLSX."""

from reports.papers import jag, pcc, rag, scrutiny
from reports.papers.base import Paper, PaperError
from reports.papers.period import PaperPeriod

GATHERERS = {"rag": rag.gather, "jag": jag.gather, "scrutiny": scrutiny.gather, "pcc": pcc.gather}
FORMATS = ("html", "pdf", "xlsx")


def build(kind: str, partnership, period: PaperPeriod, **options) -> Paper:
    if kind not in GATHERERS:
        raise PaperError(f"“{kind}” is not a paper; choose one of {', '.join(GATHERERS)}.")
    return GATHERERS[kind](partnership, period, **options)


__all__ = ["FORMATS", "GATHERERS", "Paper", "PaperError", "PaperPeriod", "build"]

"""One template per paper, three formats: HTML (prints well), PDF (WeasyPrint, tagged) and XLSX
of the paper's tables (formula-safe)."""

import functools
import mimetypes
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.papers.base import Paper
from sosafe.spreadsheets import Sheet, xlsx_bytes

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STATIC_PREFIX = "static:"


def html(paper: Paper, *, for_pdf: bool = False, back_url: str = "") -> str:
    """The paper as a standalone HTML page. For the PDF its stylesheet is read from disk."""
    return render_to_string(
        paper.template_name,
        {"paper": paper, "body": paper.body, "for_pdf": for_pdf, "back_url": back_url},
    )


class NoNetwork(OSError):
    pass


def static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of the static file a paper links as ``static:<path>``; nothing else
    (no network, no other file) is ever read."""
    if not url.startswith(STATIC_PREFIX):
        raise NoNetwork(f"Papers load nothing from outside the portal: {url}")
    path = finders.find(url.removeprefix(STATIC_PREFIX).lstrip("/"))
    if path is None:
        raise NoNetwork(f"No static file {url}")
    return Path(path).read_bytes(), mimetypes.guess_type(path)[0] or "application/octet-stream"


def fetcher():
    """WeasyPrint's URL fetcher for the papers: static files from disk, never the network."""
    # WeasyPrint is a heavy import, made only where a PDF is made.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            body, mime_type = static_file(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticFilesFetcher(fail_on_errors=True)


def pdf(paper: Paper) -> bytes:
    return pdf_of_html(html(paper, for_pdf=True))


@functools.lru_cache(maxsize=8)
def pdf_of_html(text: str) -> bytes:
    """The PDF of a paper's HTML. The same HTML gives the same PDF, so a few recent ones are
    kept (loading the demo again, or publishing what was just previewed, renders once)."""
    from weasyprint import HTML

    document = HTML(string=text, base_url=STATIC_PREFIX, url_fetcher=fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def xlsx(paper: Paper) -> bytes:
    """One sheet per table, through the core writer: text is always kept as text."""
    return xlsx_bytes([Sheet(table.title, table.headers, table.rows) for table in paper.tables])


def render(paper: Paper, file_format: str) -> bytes:
    if file_format == "html":
        return html(paper).encode()
    if file_format == "pdf":
        return pdf(paper)
    if file_format == "xlsx":
        return xlsx(paper)
    raise ValueError(f"“{file_format}” is not a format; choose html, pdf or xlsx.")


def filename(paper: Paper, file_format: str) -> str:
    period = paper.period.replace("/", "-")
    return f"{paper.kind}-{period}.{file_format}"

"""Each paper's figures against the hand-worked plan in conftest; public rules; formats."""

import io
import re

import pytest
from openpyxl import load_workbook

from referrals.models import ReferralReturn
from reports.papers import PaperError, PaperPeriod, build, formats
from sosafe.periods import FinancialYear
from tests.factories import ServiceFactory
from tests.reports.conftest import pdf_text, poppler

pytestmark = pytest.mark.django_db
YEAR = PaperPeriod.parse("2024/25")


def test_periods_parse_and_refuse():
    assert PaperPeriod.parse("2017/18-Q3") == PaperPeriod(FinancialYear(2017), 3)
    assert PaperPeriod.parse("2017-18-Q3").label == "Q3 2017/18"
    assert PaperPeriod.parse("2017/18").last_quarter == 4
    for bad in ("2017", "2017/19", "2017/18-Q5", "2017/18-Qx"):
        with pytest.raises(ValueError):
            PaperPeriod.parse(bad)


def test_scrutiny_review_findings_count_accepted_public_outcomes(world, paper_plan):
    paper = build("scrutiny", world.partnership, YEAR)
    findings = paper.body.findings
    # One expected outcome per action, as the committee's papers count them: A's (complete)
    # is completed; B's (1 of 2 lines ticked) and D's (0 of 1) are outstanding; C is
    # restricted and left out.
    assert (findings.total, findings.completed, findings.percentage) == (3, 1, "33%")
    assert [(o.ref, o.outcome) for o in findings.outstanding] == [
        ("1.1 b)", "Two prosecutions."),
        ("2.1 b)", "Four WRAP sessions."),
    ]
    assert paper.body.withheld.startswith("1 restricted action is not shown")
    appendix = {row.ref: row.narrative for t in paper.body.appendix for row in t.actions}
    # B's Q3 update is only submitted: a public paper shows the accepted Q2 one.
    assert appendix == {"1.1 a)": "Youth hub opened.", "1.1 b)": "One camera bought.", "2.1 b)": ""}
    theme_1 = paper.body.progress[0]
    assert theme_1.statuses == (("On track", "1"), ("Complete", "1"))


def test_jag_marks_missing_updates_and_filters_by_lead(world, paper_plan):
    paper = build("jag", world.partnership, PaperPeriod.parse("2024/25-Q3"))
    body = paper.body
    assert (body.total, body.reported, body.missing) == (4, 1, 3)
    rows = {row.ref: row for t in body.themes for row in t.actions}
    assert rows["1.1 b)"].this_quarter and rows["1.1 b)"].status_label == "At risk"
    assert rows["1.1 a)"].missing  # its Q3 update is a draft, which no paper shows
    assert rows["2.1 a)"].restricted
    other = build(
        "jag", world.partnership, PaperPeriod.parse("2024/25-Q3"), organisation=world.other_org
    )
    assert other.body.total == 0


def test_rag_paper_is_the_dashboard_as_a_paper(world, paper_plan):
    paper = build("rag", world.partnership, PaperPeriod.parse("2024/25-Q2"))
    board = paper.body.board
    counts = {row.label: {c.label: c.count for c in row.counts} for row in board.themes}
    assert counts["1. Antisocial behaviour"]["Complete"] == 1
    assert counts["1. Antisocial behaviour"]["On track"] == 1
    assert counts["2. Hate crime"]["Complete"] == 1
    assert counts["2. Hate crime"]["Not started"] == 1  # D has no update
    q3 = build("rag", world.partnership, PaperPeriod.parse("2024/25-Q3"))
    exceptions = q3.body.board.exceptions
    assert [a.ref for a in exceptions.at_risk] == ["1.1 b)"]  # its submitted Q3 update
    assert [a.ref for a in exceptions.missing] == ["2.1 b)"]  # A's Q3 draft is not reported
    html = formats.html(q3)
    assert "Second camera delayed." in html and "Draft only." not in html
    sheet = q3.tables[1]
    assert sheet.title == "Exceptions" and [row[1] for row in sheet.rows] == [
        "1.1 b) Buy two cameras.",
        "2.1 b) Deliver WRAP sessions.",
    ]


def test_pcc_covers_half_or_whole_year_only(world, paper_plan):
    with pytest.raises(PaperError):
        build("pcc", world.partnership, PaperPeriod.parse("2024/25-Q3"))
    paper_plan.d.resources = "£500 PCC funding."
    paper_plan.d.save()
    paper = build("pcc", world.partnership, PaperPeriod.parse("2024/25-Q2"))
    assert [row.ref for row in paper.body.actions] == ["2.1 b)"]
    assert paper.title == "PCC half-yearly return, Q1–Q2 2024/25"


def test_glossary_lists_exactly_the_acronyms_used(world, paper_plan):
    paper = build("scrutiny", world.partnership, YEAR)
    assert [entry.abbreviation for entry in paper.glossary] == ["JAG"]  # PCC is not used
    assert "WRAP" in paper.undefined_acronyms
    pcc = build("pcc", world.partnership, PaperPeriod.parse("2024/25"))
    assert [entry.abbreviation for entry in pcc.glossary] == ["PCC"]


def test_restricted_action_absent_from_every_format(world, paper_plan, tmp_path):
    paper = build("scrutiny", world.partnership, YEAR)
    secret = "Closed session disruption work"
    html = formats.html(paper)
    assert secret not in html and "Closed work done" not in html
    assert "Share youth referrals at JAG." in html
    text = pdf_text(formats.pdf(paper), tmp_path)
    assert "Share youth referrals at JAG." in " ".join(text.split())
    assert "Closed session" not in text and "restricted action is not shown" in " ".join(
        text.split()
    )
    workbook = load_workbook(io.BytesIO(formats.xlsx(paper)))
    cells = [str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value]
    assert any("Share youth referrals" in cell for cell in cells)
    assert not any("Closed session" in cell for cell in cells)


def test_small_referral_counts_are_suppressed_in_public_papers_only(world, paper_plan):
    service = ServiceFactory(partnership=world.partnership, name="Safe Space")
    ReferralReturn.objects.create(service=service, year=FinancialYear(2024), quarter=1, total=3)
    ReferralReturn.objects.create(service=service, year=FinancialYear(2023), quarter=1, total=12)
    public = build("scrutiny", world.partnership, YEAR).body.referrals
    assert [(r.service, r.count, r.last_year, r.change) for r in public] == [
        ("Safe Space", "<5", "12", "withheld")
    ]
    internal = build("rag", world.partnership, PaperPeriod.parse("2024/25-Q1"))
    row = internal.body.board.referrals.rows[0]
    assert (row.current, row.last_year) == (3, 12)
    assert ("Safe Space", "3", "–", "12") in internal.tables[2].rows


def test_public_papers_suppress_below_the_partnerships_own_threshold(world, paper_plan):
    world.partnership.suppression_threshold = 10
    world.partnership.save()
    service = ServiceFactory(partnership=world.partnership, name="Safe Space")
    ReferralReturn.objects.create(service=service, year=FinancialYear(2024), quarter=1, total=7)
    ReferralReturn.objects.create(service=service, year=FinancialYear(2023), quarter=1, total=12)
    public = build("scrutiny", world.partnership, YEAR).body.referrals
    assert [(r.service, r.count, r.last_year, r.change) for r in public] == [
        ("Safe Space", "<10", "12", "withheld")
    ]


def test_formula_like_text_is_exported_as_text(world, paper_plan):
    update = paper_plan.a.updates.get(quarter=2)
    update.narrative = '=HYPERLINK("http://x","y")'
    update.save()
    paper = build("scrutiny", world.partnership, YEAR)
    workbook = load_workbook(io.BytesIO(formats.xlsx(paper)))
    found = [
        cell
        for ws in workbook
        for row in ws.iter_rows()
        for cell in row
        if cell.value == '=HYPERLINK("http://x","y")'
    ]
    assert found, "the narrative is in the workbook"
    assert all(cell.data_type == "s" for cell in found)


def test_pdf_is_tagged_a4_with_title_and_page_numbers(world, paper_plan, tmp_path):
    paper = build("scrutiny", world.partnership, YEAR)
    content = formats.pdf(paper)
    text = " ".join(pdf_text(content, tmp_path).split())
    assert "Page 1 of" in text and world.partnership.name in text
    info = poppler("pdfinfo", content, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    assert f"Title:           {paper.title}" in info
    # Bookmarks: the title and one per section heading.
    from weasyprint import HTML

    document = HTML(
        string=formats.html(paper, for_pdf=True),
        base_url=formats.STATIC_PREFIX,
        url_fetcher=formats.fetcher(),
    ).render()
    labels = [entry[0] for entry in document.make_bookmark_tree()]
    assert labels == [paper.title]
    sections = [child[0] for child in document.make_bookmark_tree()[0][2]]
    assert sections[:2] == ["1. Purpose", "2. Recommendations"] and "Glossary" in sections


def test_the_pdf_never_goes_to_the_network():
    with pytest.raises(formats.NoNetwork):
        formats.static_file("https://example.org/font.woff")
    with pytest.raises(formats.NoNetwork):
        formats.static_file("file:///etc/passwd")
    body, mime_type = formats.static_file("static:reports/paper.css")
    assert b"@page" in body and mime_type == "text/css"


def test_small_crime_counts_are_suppressed_in_the_scrutiny_paper(world, paper_plan):
    from tests.indicators.factories import IndicatorFactory, month_value

    robbery = IndicatorFactory(partnership=world.partnership, name="Robbery", unit="count")
    asb = IndicatorFactory(partnership=world.partnership, name="All ASB", unit="count")
    month_value(robbery, "2024-04", 3)
    month_value(robbery, "2023-04", 9)
    month_value(asb, "2024-04", 120)
    month_value(asb, "2023-04", 100)
    public = {row.name: row for row in build("scrutiny", world.partnership, YEAR).body.crime}
    assert (public["Robbery"].latest, public["Robbery"].change_on_last_year) == ("<5", "withheld")
    assert public["All ASB"].latest == "120"
    assert public["All ASB"].change_on_last_year == "+20.0%"
    internal = build("rag", world.partnership, PaperPeriod.parse("2024/25-Q1")).body.indicators
    assert {row.name: row.latest for row in internal}["Robbery"] == "3"

"""Papers' pages per persona, publishing (frozen copies), the command, query counts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from actionplan.models import ActionPlan
from reports.models import PublishedPaper
from reports.papers import PaperPeriod
from reports.services import paper_publish
from tests.conftest import PERSONAS, make_plan
from tests.query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db
P = "sosafe-test"


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"partnership": P, **kwargs})


# Expected status per persona (anonymous goes to sign-in; outsider gets 404).
READERS = {"admin": 200, "coordinator": 200, "member": 200}
MANAGERS = {"admin": 200, "coordinator": 200}


def expected(allowed: dict, persona: str) -> int:
    if persona == "outsider":
        return 404
    return allowed.get(persona, 403)


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_every_papers_url_per_persona(world, paper_plan, persona):
    client = world.client_for(persona)
    published = paper_publish(
        membership=world.coordinator, kind="scrutiny", period=PaperPeriod.parse("2024/25")
    )
    cases = [
        (url("paper-list"), {p: 200 for p in PERSONAS}),
        (url("paper-view", kind="rag", period="2024-25-Q2", fmt="html"), READERS),
        (url("paper-view", kind="scrutiny", period="2024-25", fmt="xlsx"), READERS),
        (url("narrative-edit", year="2024-25"), MANAGERS),
        (url("paper-publish", kind="jag", period="2024-25-Q3"), MANAGERS),
        (url("published-download", pk=published.pk), {p: 200 for p in PERSONAS}),
    ]
    for address, allowed in cases:
        response = client.get(address)
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == expected(allowed, persona), (persona, address)


def test_scrutiny_sees_public_published_papers_only(world, paper_plan):
    public = paper_publish(
        membership=world.coordinator, kind="scrutiny", period=PaperPeriod.parse("2024/25")
    )
    internal = paper_publish(
        membership=world.coordinator, kind="rag", period=PaperPeriod.parse("2024/25-Q2")
    )
    client = world.client_for("scrutiny")
    page = client.get(url("paper-list")).content.decode()
    assert public.title in page and internal.title not in page
    assert client.get(url("published-download", pk=internal.pk)).status_code == 403
    download = client.get(url("published-download", pk=public.pk))
    assert b"".join(download.streaming_content) == public.pdf.open("rb").read()
    assert (
        client.get(url("paper-view", kind="scrutiny", period="2024-25", fmt="pdf")).status_code
        == 403
    )
    assert client.get(reverse("reports:dashboard", args=[P])).status_code == 403


def test_a_published_pdf_never_changes(world, paper_plan):
    published = paper_publish(
        membership=world.coordinator, kind="scrutiny", period=PaperPeriod.parse("2024/25")
    )
    before = published.pdf.open("rb").read()
    assert len(before) == published.size
    import hashlib

    assert hashlib.sha256(before).hexdigest() == published.sha256
    paper_plan.a.text = "Changed after publishing."
    paper_plan.a.save()
    paper_plan.a.updates.update(narrative="Edited later.")
    client = world.client_for("scrutiny")
    after = b"".join(client.get(url("published-download", pk=published.pk)).streaming_content)
    assert after == before
    live = world.client_for("coordinator").get(
        url("paper-view", kind="scrutiny", period="2024-25", fmt="html")
    )
    assert "Changed after publishing." in live.content.decode()
    with pytest.raises(Exception, match="never changes"):
        published.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        published.delete()
    with pytest.raises(Exception, match="cannot be deleted"):
        PublishedPaper.objects.all().delete()


def test_coordinator_writes_the_narrative_with_errors_then_publishes(world, paper_plan):
    client = world.client_for("coordinator")
    address = url("narrative-edit", year="2024-25")
    theme = paper_plan.plan.themes.get(number=1)
    response = client.post(address, {"purpose": "", "recommendations": "", "background": "Kept."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and 'href="#id_purpose"' in html and "Kept." in html
    response = client.post(
        address,
        {
            "purpose": "To report the year.",
            "recommendations": "Note the progress.",
            f"theme_{theme.pk}": "Youth nuisance fell.",
        },
    )
    assert response.status_code == 302
    confirm = client.get(response["Location"]).content.decode()
    assert "WRAP" in confirm  # used but not in the glossary
    assert client.post(url("paper-publish", kind="scrutiny", period="2024-25")).status_code == 302
    published = PublishedPaper.objects.get()
    assert (published.public, published.published_by) == (True, world.coordinator.user)
    html = client.get(url("paper-view", kind="scrutiny", period="2024-25", fmt="html")).content
    assert b"Youth nuisance fell." in html and b"To report the year." in html


def test_build_report_command(world, paper_plan, tmp_path):
    target = tmp_path / "paper.xlsx"
    call_command(
        "build_report",
        P,
        "scrutiny",
        "2024/25",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    assert target.read_bytes()[:2] == b"PK"
    for args in (
        ["nowhere", "rag", "2024/25-Q1"],
        [P, "minutes", "2024/25"],
        [P, "rag", "2024/26"],
        [P, "rag", "2030/31"],
        [P, "pcc", "2024/25-Q3"],
    ):
        with pytest.raises(CommandError):
            call_command(
                "build_report", *args, "--format", "pdf", "--output", str(tmp_path / "x.pdf")
            )


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
@pytest.mark.parametrize(
    "kind,period",
    [("scrutiny", "2024-25"), ("jag", "2024-25-Q2"), ("rag", "2024-25-Q2"), ("pcc", "2024-25")],
)
def test_fixed_query_counts_whatever_the_plan_size(world, kind, period, fmt):
    address = url("paper-view", kind=kind, period=period, fmt=fmt)

    def build(n):
        """The 2024/25 plan, made again with n actions."""
        ActionPlan.objects.filter(partnership=world.partnership).delete()
        make_plan(world.partnership, world.lead_org, actions=n, restricted_every=2)
        return address

    assert_fixed_queries(world.client_for("coordinator"), build, sizes=(3, 30))


def test_the_papers_list_query_count_is_fixed(world):
    def build(n):
        """The 2024/25 plan, made again with n actions, and one more published paper."""
        ActionPlan.objects.filter(partnership=world.partnership).delete()
        make_plan(world.partnership, world.lead_org, actions=n, restricted_every=2)
        paper_publish(membership=world.coordinator, kind="pcc", period=PaperPeriod.parse("2024/25"))
        return url("paper-list")

    assert_fixed_queries(world.client_for("coordinator"), build, sizes=(3, 30))
